import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_PROGRAMME } from '../../server/demo/programme.ts';
import { seedDemoProgramme } from '../../server/demo/seed.ts';
import { ApiClient } from '../helpers/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
  await seedDemoProgramme(app.database.db, app.config);
});
afterAll(async () => {
  await app.stop();
});

async function logIn(email: string) {
  const client = new ApiClient(app.url);
  expect((await client.post('/api/auth/login', { email, password: DEMO_PASSWORD })).status).toBe(200);
  return client;
}

type Table = { id: string; rows: Record<string, string | number | null>[] };

describe('the demo programme `npm start` seeds', () => {
  it('gives its staff a dashboard with real figures, a report to handle and an audit log', async () => {
    const staff = await logIn(DEMO_PROGRAMME.staff.email);
    const programmes = (await staff.get('/api/programmes')).body.items as { id: string; name: string }[];
    expect(programmes.map((programme) => programme.name)).toEqual([DEMO_PROGRAMME.name]);
    const p = `/api/programmes/${programmes[0]!.id}`;
    const figures = (await staff.get(`${p}/figures`)).body as { tables: Table[] };
    const rows = (id: string) => figures.tables.find((table) => table.id === id)!.rows;
    const sum = (id: string, key: string) =>
      rows(id).reduce((total, row) => total + Number(row[key] ?? 0), 0);
    expect(sum('by-sector', 'published')).toBe(6);
    expect(sum('by-sector', 'filled')).toBe(5);
    expect(sum('by-sector', 'completed')).toBe(2);
    expect(rows('hours-and-fees')[0]).toMatchObject({ placements: 2 });
    // Twelve students answered: the groups are big enough that not every cell is suppressed.
    const shown = rows('access-by-group').filter((row) => typeof row.students === 'number');
    expect(shown.length).toBeGreaterThan(0);
    for (const row of shown) expect(row.students).toBeGreaterThanOrEqual(5);

    const queue = (await staff.get(`${p}/reports?status=open`)).body.items;
    expect(queue).toHaveLength(1);
    const audit = (await staff.get(`${p}/audit`)).body.items as { action: string }[];
    expect(audit.map((row) => row.action)).toEqual([
      'org_verified',
      'org_verified',
      'org_verified',
      'staff_added',
    ]);
    const orgs = (await staff.get(`${p}/orgs`)).body.items as { verified: boolean }[];
    expect(orgs.filter((org) => !org.verified)).toHaveLength(1);
  });

  it('gives the instance admin real headline figures', async () => {
    const admin = await logIn('admin@stint.example');
    const summary = (await admin.get('/api/admin/summary')).body;
    expect(summary).toMatchObject({
      programmes: 1,
      organisations: 4,
      publishedProjects: 6,
      completedPlacements: 2,
    });
  });
});
