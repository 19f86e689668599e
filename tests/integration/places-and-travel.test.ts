import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { makeOrg, projectBody } from '../helpers/marketplace.ts';
import { makeAdmin } from '../helpers/programmes.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.stop());

const profile = (overrides: Record<string, unknown> = {}) => ({
  skills: [{ skill: 'Instagram', level: 2 }],
  hoursPerWeek: 10,
  remote: 'onsite_ok',
  location: 'Sheffield',
  ...overrides,
});

async function publishIn(location: string, overrides: Record<string, unknown> = {}) {
  const { supervisor, org } = await makeOrg(app.url, { name: `Leeds shop ${location}` });
  const created = await supervisor.post('/api/projects', projectBody(org.id, { location, ...overrides }));
  expect(created.status).toBe(201);
  expect((await supervisor.post(`/api/projects/${created.body.id}/publish`)).status).toBe(200);
  return { supervisor, id: created.body.id as string, body: created.body };
}

const matchIds = async (student: ApiClient) => {
  const matches = await student.get('/api/students/me/matches?limit=50');
  expect(matches.status).toBe(200);
  return matches.body.items.map((item: { project: { id: string } }) => item.project.id) as string[];
};

describe('how far a student travels and how often a hybrid project is on site', () => {
  it('stores travel and on-site days, with defaults when left out', async () => {
    const student = await signUp(app.url);
    const minimal = await student.put('/api/students/me/profile', profile());
    expect(minimal.status).toBe(200);
    expect([minimal.body.travelKm, minimal.body.travelMinutes]).toEqual([null, null]);
    const saved = await student.put('/api/students/me/profile', profile({ travelMinutes: 45 }));
    expect(saved.body.travelMinutes).toBe(45);
    expect((await student.get('/api/students/me/profile')).body.travelMinutes).toBe(45);
    for (const bad of [{ travelKm: 0 }, { travelKm: 2.5 }, { travelMinutes: 'far' }]) {
      const refused = await student.put('/api/students/me/profile', profile(bad));
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBeTruthy();
    }

    const plain = await publishIn('Leeds', { remote: 'onsite' });
    expect(plain.body.onsiteDays).toBeNull();
    const hybrid = await publishIn('Leeds', { remote: 'hybrid', onsiteDays: 1 });
    expect(hybrid.body.onsiteDays).toBe(1);
    expect((await hybrid.supervisor.get(`/api/projects/${hybrid.id}`)).body.onsiteDays).toBe(1);
    const changed = await hybrid.supervisor.request('PATCH', `/api/projects/${hybrid.id}`, { onsiteDays: 3 });
    expect(changed.status).toBe(200);
    expect(changed.body.onsiteDays).toBe(3);
    const refused = await hybrid.supervisor.request('PATCH', `/api/projects/${hybrid.id}`, { onsiteDays: 6 });
    expect(refused.status).toBe(400);
  });

  it('matches by distance: Sheffield to Leeds (about 33 km edge to edge) needs a stated reach, or few on-site days', async () => {
    const onsite = await publishIn('Leeds', { remote: 'onsite' });
    const onceAWeek = await publishIn('Leeds', { remote: 'hybrid', onsiteDays: 1 });
    const fourDays = await publishIn('Leeds', { remote: 'hybrid', onsiteDays: 4 });

    const student = await signUp(app.url);
    await student.put('/api/students/me/profile', profile());
    let ids = await matchIds(student);
    expect(ids).not.toContain(onsite.id);
    expect(ids).toContain(onceAWeek.id);
    expect(ids).not.toContain(fourDays.id);

    await student.put('/api/students/me/profile', profile({ travelKm: 40 }));
    ids = await matchIds(student);
    expect(ids).toContain(onsite.id);
    expect(ids).toContain(fourDays.id);

    await student.put('/api/students/me/profile', profile({ travelMinutes: 40 }));
    ids = await matchIds(student);
    expect(ids).not.toContain(onsite.id);
    expect(ids).toContain(onceAWeek.id);
  });
});

describe('places a form asks about', () => {
  it('reads a known place and suggests names for one it cannot find', async () => {
    const student = await signUp(app.url);
    const known = await student.get('/api/places?q=Chapel%20Allerton');
    expect(known.status).toBe(200);
    expect(known.body.resolved.label).toBe('Chapel Allerton, England');
    const slip = await student.get('/api/places?q=Leds');
    expect(slip.body.resolved).toBeNull();
    expect(slip.body.items.map((place: { label: string }) => place.label)).toContain('Leeds, England');
    expect(slip.body.next).toBeNull();
    const nothing = await student.get('/api/places?q=Zzyzx%20Springs');
    expect(nothing.body).toMatchObject({ resolved: null, items: [] });
    expect((await student.get('/api/places?q=')).status).toBe(400);
    expect((await new ApiClient(app.url).get('/api/places?q=Leeds')).status).toBe(401);
  });
});

describe('skills the list lacks', () => {
  it('are kept as written, and counted for the admin alone', async () => {
    const student = await signUp(app.url);
    const saved = await student.put(
      '/api/students/me/profile',
      profile({ skills: [{ skill: 'Bike maintenance', level: 2 }] }),
    );
    expect(saved.body.skills).toEqual([expect.objectContaining({ label: 'Bike maintenance', known: false })]);
    const other = await signUp(app.url);
    await other.put(
      '/api/students/me/profile',
      profile({ skills: [{ skill: 'bike maintenance', level: 1 }] }),
    );
    await publishIn('Leeds', {
      skills: [
        { skill: 'Bike maintenance', level: 1 },
        { skill: 'Tally', level: 1 },
      ],
    });

    const admin = await makeAdmin(app);
    const report = await admin.get('/api/admin/unknown-skills');
    expect(report.status).toBe(200);
    const bikes = report.body.items.find((item: { name: string }) => item.name === 'Bike maintenance');
    expect(bikes).toEqual({ name: 'Bike maintenance', profiles: 2, projects: 1, total: 3 });
    expect(report.body.items.map((item: { name: string }) => item.name)).toContain('Tally');
    expect(report.body.items[0].total).toBeGreaterThanOrEqual(report.body.items.at(-1).total);

    const supervisor = (await makeOrg(app.url)).supervisor;
    expect((await student.get('/api/admin/unknown-skills')).status).toBe(403);
    expect((await supervisor.get('/api/admin/unknown-skills')).status).toBe(403);
    expect((await new ApiClient(app.url).get('/api/admin/unknown-skills')).status).toBe(401);
  });
});
