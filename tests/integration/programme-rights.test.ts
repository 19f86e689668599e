import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { makeAdmin, makeProgramme, makeStaff } from '../helpers/programmes.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app.stop();
});

type Role = 'anonymous' | 'student' | 'supervisor' | 'otherStaff' | 'staff' | 'admin';

describe('every programme and admin route, with each role', () => {
  it('answers each role as the rules say', async () => {
    const admin = await makeAdmin(app);
    const programme = await makeProgramme(admin);
    const other = await makeProgramme(admin, { name: 'Other' });
    const callers: Record<Role, ApiClient> = {
      anonymous: new ApiClient(app.url),
      student: await signUp(app.url, { role: 'student' }),
      supervisor: await signUp(app.url, { role: 'supervisor' }),
      otherStaff: await makeStaff(app.url, admin, other.id),
      staff: await makeStaff(app.url, admin, programme.id),
      admin,
    };
    const p = `/api/programmes/${programme.id}`;
    const inside = { anonymous: 401, student: 404, supervisor: 404, otherStaff: 403 } as const;
    const nobody = '00000000-0000-4000-8000-000000000000';
    const resolve = { outcome: 'dismissed', reason: 'r' };
    const suspend = { suspended: true, reason: 'r' };
    const routes: [string, string, unknown, Record<Role, number>][] = [
      [
        'POST',
        '/api/programmes',
        { name: 'N', startsOn: '2026-01-01', endsOn: '2026-02-01' },
        { anonymous: 401, student: 403, supervisor: 403, otherStaff: 403, staff: 403, admin: 201 },
      ],
      [
        'GET',
        '/api/programmes',
        undefined,
        { anonymous: 401, student: 200, supervisor: 200, otherStaff: 200, staff: 200, admin: 200 },
      ],
      [
        'GET',
        '/api/admin/summary',
        undefined,
        { anonymous: 401, student: 403, supervisor: 403, otherStaff: 403, staff: 403, admin: 200 },
      ],
      ['GET', p, undefined, { ...inside, staff: 200, admin: 200 }],
      ['GET', `${p}/staff`, undefined, { ...inside, staff: 200, admin: 200 }],
      ['GET', `${p}/invite-codes`, undefined, { ...inside, staff: 200, admin: 200 }],
      ['POST', `${p}/invite-codes`, { audience: 'student' }, { ...inside, staff: 201, admin: 201 }],
      ['GET', `${p}/figures`, undefined, { ...inside, staff: 200, admin: 200 }],
      ['GET', `${p}/figures/by-sector.csv`, undefined, { ...inside, staff: 200, admin: 200 }],
      // Unknown workspace: the rights pass, then 404 for the workspace itself.
      [
        'POST',
        `${p}/non-completions`,
        { workspaceId: programme.id, reason: 'other' },
        { ...inside, staff: 404, admin: 404 },
      ],
      [
        'GET',
        '/api/students/me/access-answers',
        undefined,
        { anonymous: 401, student: 200, supervisor: 403, otherStaff: 403, staff: 403, admin: 403 },
      ],
      [
        'PUT',
        '/api/students/me/access-answers',
        {},
        { anonymous: 401, student: 200, supervisor: 403, otherStaff: 403, staff: 403, admin: 403 },
      ],
      [
        'DELETE',
        '/api/students/me/access-answers',
        undefined,
        { anonymous: 401, student: 204, supervisor: 403, otherStaff: 403, staff: 403, admin: 403 },
      ],
      // Moderation: unknown targets pass the rights, then 404 for the target itself.
      ['POST', `${p}/staff-invitations/${nobody}/resend`, undefined, { ...inside, staff: 404, admin: 404 }],
      ['GET', `${p}/reports`, undefined, { ...inside, staff: 200, admin: 200 }],
      ['POST', `${p}/reports/${nobody}/resolve`, resolve, { ...inside, staff: 404, admin: 404 }],
      ['GET', `${p}/audit`, undefined, { ...inside, staff: 200, admin: 200 }],
      ['GET', `${p}/orgs`, undefined, { ...inside, staff: 200, admin: 200 }],
      [
        'POST',
        `${p}/orgs/${nobody}/verification`,
        { verified: true, reason: 'r' },
        { ...inside, staff: 404, admin: 404 },
      ],
      ['GET', `${p}/projects`, undefined, { ...inside, staff: 200, admin: 200 }],
      [
        'POST',
        `${p}/projects/${nobody}/moderation`,
        { state: 'paused', reason: 'r' },
        { ...inside, staff: 404, admin: 404 },
      ],
      ['GET', `${p}/people?q=a`, undefined, { ...inside, staff: 200, admin: 200 }],
      ['POST', `${p}/people/${nobody}/suspension`, suspend, { ...inside, staff: 404, admin: 404 }],
      [
        'POST',
        '/api/reports',
        { targetType: 'project', targetId: nobody, reason: 'r' },
        { anonymous: 401, student: 404, supervisor: 404, otherStaff: 403, staff: 403, admin: 403 },
      ],
      ...(['/api/admin/reports', '/api/admin/audit', '/api/admin/people'] as const).map(
        (path): [string, string, unknown, Record<Role, number>] => [
          'GET',
          path,
          undefined,
          { anonymous: 401, student: 403, supervisor: 403, otherStaff: 403, staff: 403, admin: 200 },
        ],
      ),
      [
        'POST',
        `/api/admin/reports/${nobody}/resolve`,
        resolve,
        { anonymous: 401, student: 403, supervisor: 403, otherStaff: 403, staff: 403, admin: 404 },
      ],
      [
        'POST',
        `/api/admin/people/${nobody}/suspension`,
        suspend,
        { anonymous: 401, student: 403, supervisor: 403, otherStaff: 403, staff: 403, admin: 404 },
      ],
      [
        'GET',
        '/api/programme-invites/NOPE-NOPE',
        undefined,
        { anonymous: 401, student: 404, supervisor: 404, otherStaff: 404, staff: 404, admin: 404 },
      ],
    ];
    for (const [method, path, body, expected] of routes) {
      for (const [role, caller] of Object.entries(callers) as [Role, ApiClient][]) {
        const response = await caller.request(method, path, body);
        expect(response.status, `${method} ${path} as ${role}`).toBe(expected[role]);
      }
    }
    // Adding staff last, so the callers above keep the roles they were given.
    for (const role of ['anonymous', 'student', 'supervisor', 'otherStaff'] as const) {
      const response = await callers[role].post(`${p}/staff`, { email: 'x@example.test' });
      expect(response.status, `add staff as ${role}`).toBe(inside[role]);
    }
    expect((await callers.staff.post(`${p}/staff`, { email: 'x@example.test' })).status).toBe(201);
    expect((await admin.post(`${p}/staff`, { email: 'y@example.test' })).status).toBe(201);
  });
});
