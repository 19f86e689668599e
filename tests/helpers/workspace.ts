import { expect } from 'vitest';
import { signUp, type ApiClient } from './api-client.ts';
import { confirmAddress } from './accounts.ts';
import type { WorkspaceRole } from '../../shared/workspace-roles.ts';

type Person = Awaited<ReturnType<typeof signUp>>;

/**
 * Factory: a workspace started by a new supervisor, with one new account per extra role asked for
 * (`makeWorkspace(url, { intern: true, mentor: true })`).
 */
export async function makeWorkspace(
  baseUrl: string,
  roles: Partial<Record<Exclude<WorkspaceRole, 'supervisor'>, boolean>> = {},
  title = 'Instagram launch for Corner Thread Fabrics',
) {
  const supervisor = await signUp(baseUrl, { role: 'supervisor' });
  const created = await supervisor.post('/api/workspaces', { title });
  expect(created.status).toBe(201);
  const workspaceId: string = created.body.id;
  const people: Partial<Record<WorkspaceRole, Person>> = { supervisor };
  for (const role of Object.keys(roles) as Exclude<WorkspaceRole, 'supervisor'>[]) {
    if (!roles[role]) continue;
    const person = await signUp(baseUrl, {
      role: role === 'intern' ? 'student' : role === 'viewer' ? 'student' : 'mentor',
    });
    await addMember(supervisor, workspaceId, person, role);
    people[role] = person;
  }
  return { workspaceId, supervisor, ...people } as {
    workspaceId: string;
    supervisor: Person;
    intern: Person;
    mentor: Person;
    viewer: Person;
  };
}

/**
 * Invites the person and has them accept, as they would from /invitations (their address is
 * confirmed first: only a confirmed address receives and answers invitations).
 */
export async function addMember(
  supervisor: ApiClient,
  workspaceId: string,
  person: Person,
  role: WorkspaceRole,
) {
  await confirmAddress(person);
  const response = await supervisor.post(`/api/workspaces/${workspaceId}/members`, {
    email: person.user.email,
    role,
  });
  expect(response.status).toBe(201);
  const accepted = await person.post(`/api/invitations/${response.body.id}/accept`);
  expect(accepted.status).toBe(200);
  return response.body;
}
