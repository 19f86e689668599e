import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { upsertAdmin } from '../../server/services/accounts/accounts.ts';
import { ApiClient, signUp } from './api-client.ts';
import type { TestServer } from './server.ts';

/** Factory: the instance admin (made the way `npm run create-admin` makes one), signed in. */
export async function makeAdmin(app: TestServer) {
  const email = `admin-${randomUUID().slice(0, 8)}@example.test`;
  const password = 'admin password 2026';
  await upsertAdmin(app.database.db, { email, password, name: 'Instance Admin' });
  const admin = new ApiClient(app.url);
  const login = await admin.post('/api/auth/login', { email, password });
  expect(login.status).toBe(200);
  return admin;
}

/** Factory: a programme created by the admin (overrides for any field). */
export async function makeProgramme(admin: ApiClient, overrides: Record<string, unknown> = {}) {
  const created = await admin.post('/api/programmes', {
    name: 'Leeds Micro-internships 2026',
    startsOn: '2026-01-01',
    endsOn: '2026-06-30',
    region: 'West Yorkshire',
    ...overrides,
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; name: string };
}

/** Factory: a new account made staff of the programme, signed in. */
export async function makeStaff(baseUrl: string, admin: ApiClient, programmeId: string) {
  const staff = await signUp(baseUrl, { role: 'mentor' });
  const added = await admin.post(`/api/programmes/${programmeId}/staff`, { email: staff.user.email });
  expect(added.status).toBe(201);
  return staff;
}

export async function makeInviteCode(
  staff: ApiClient,
  programmeId: string,
  audience: 'organisation' | 'student',
  cohort = '',
) {
  const created = await staff.post(`/api/programmes/${programmeId}/invite-codes`, { audience, cohort });
  expect(created.status).toBe(201);
  return created.body as { id: string; code: string; link: string };
}
