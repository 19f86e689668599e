import type { Organisation, Project } from '$shared/schemas/marketplace-views.ts';
import { apiFetch, apiFetchAll } from '$lib/api.ts';
import { optional, required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params, fetch }) => {
  const user = signedInUser(locals, url);
  const id = encodeURIComponent(params.id);
  const org = required(await apiFetch<Organisation>(`/api/orgs/${id}`, { fetch }), url);
  // Only the organisation's own supervisors get its team and every project, drafts included.
  const isSupervisor = org.supervisors !== undefined;
  const projects = isSupervisor
    ? optional(await apiFetchAll<Project>(`/api/orgs/${id}/projects`, { fetch }))
    : null;
  return { user, org, isSupervisor, projects: projects?.items ?? null };
};
