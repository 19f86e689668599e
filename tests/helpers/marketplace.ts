import { expect } from 'vitest';
import { signUp, type ApiClient } from './api-client.ts';
import { confirmAddress } from './accounts.ts';

/** Factory: a supervisor with a registered organisation (overrides for any organisation field). */
export async function makeOrg(baseUrl: string, overrides: Record<string, unknown> = {}) {
  const supervisor = await signUp(baseUrl, { role: 'supervisor' });
  const org = await supervisor.post('/api/orgs', {
    name: 'Eastside Food Bank',
    sector: 'nonprofit',
    size: '10-49',
    location: 'Leeds',
    workMode: 'hybrid',
    description: 'Feeds 400 households a week.',
    ...overrides,
  });
  expect(org.status).toBe(201);
  return { supervisor, org: org.body as { id: string; name: string } };
}

/** A project body a supervisor might send; overrides for any field. */
export function projectBody(orgId: string, overrides: Record<string, unknown> = {}) {
  return {
    orgId,
    title: 'Instagram launch for the food bank',
    summary:
      'Plan and run a four-week Instagram campaign with Canva posts to recruit weekend volunteers and tell donors what their gifts do.',
    goals: ['Recruit ten new weekend volunteers'],
    deliverables: ['A content calendar for four weeks', '12 designed posts and captions'],
    milestones: [
      { title: 'Agree audience and calendar', week: 1, hours: 5 },
      { title: 'Design and schedule posts', week: 2, hours: 10 },
      { title: 'Report results', week: 4, hours: 3 },
    ],
    skills: [
      { skill: 'Instagram', level: 2 },
      { skill: 'canva', level: 1 },
    ],
    durationWeeks: 4,
    hoursPerWeek: 6,
    remote: 'remote',
    fee: 400,
    ...overrides,
  };
}

/** Factory: a published project of a new organisation. */
export async function makePublishedProject(baseUrl: string, overrides: Record<string, unknown> = {}) {
  const { supervisor, org } = await makeOrg(baseUrl);
  const created = await supervisor.post('/api/projects', projectBody(org.id, overrides));
  expect(created.status).toBe(201);
  const published = await supervisor.post(`/api/projects/${created.body.id}/publish`);
  expect(published.status).toBe(200);
  return { supervisor, org, project: published.body as { id: string; title: string } };
}

export async function apply(
  student: ApiClient,
  projectId: string,
  note = 'I run my café’s Instagram and use Canva daily.',
) {
  const response = await student.post(`/api/projects/${projectId}/applications`, { note });
  expect(response.status).toBe(201);
  return response.body as { id: string };
}

/** A colleague joins the organisation as they would: invited, address confirmed, invitation accepted. */
export async function addCoSupervisor(
  supervisor: ApiClient,
  orgId: string,
  colleague: ApiClient & { user: { id: string; email: string } },
) {
  await confirmAddress(colleague);
  const invited = await supervisor.post(`/api/orgs/${orgId}/supervisors`, { email: colleague.user.email });
  expect(invited.status).toBe(201);
  const accepted = await colleague.post(`/api/invitations/${invited.body.id}/accept`);
  expect(accepted.status).toBe(200);
  return invited.body as { id: string };
}
