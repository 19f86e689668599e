import type { Application, Organisation, Project, SkillNeed } from '$shared/schemas/marketplace-views.ts';
import { apiFetchAll } from '$lib/api.ts';

/**
 * The skills of the project a workspace was opened for, which are the only ones its supervisor may
 * verify on completion; null when the workspace was opened directly (then any skill may be named).
 *
 * The workspace API does not say which project a workspace belongs to, so this walks the
 * supervisor's organisations → their projects → the accepted application whose workspace this is.
 */
export async function projectSkillsFor(
  workspaceId: string,
  fetchImpl: typeof fetch,
): Promise<SkillNeed[] | null> {
  const orgs = await apiFetchAll<Organisation>('/api/orgs', { fetch: fetchImpl });
  if (!orgs.ok) return null;
  const projectLists = await Promise.all(
    orgs.data.items.map((org) =>
      apiFetchAll<Project>(`/api/orgs/${encodeURIComponent(org.id)}/projects`, { fetch: fetchImpl }),
    ),
  );
  const projects = projectLists
    .flatMap((list) => (list.ok ? list.data.items : []))
    .filter((project) => project.status !== 'draft');
  for (const project of projects) {
    const applications = await apiFetchAll<Application>(
      `/api/projects/${encodeURIComponent(project.id)}/applications`,
      { fetch: fetchImpl },
    );
    if (
      applications.ok &&
      applications.data.items.some((application) => application.workspaceId === workspaceId)
    )
      return project.skills;
  }
  return null;
}
