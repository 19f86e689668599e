import type { Application, Project } from '$shared/schemas/marketplace-views.ts';
import { apiFetch, apiFetchAll } from '$lib/api.ts';
import { optional, required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params, fetch }) => {
  const user = signedInUser(locals, url);
  const id = encodeURIComponent(params.id);
  const project = required(await apiFetch<Project>(`/api/projects/${id}`, { fetch }), url);

  // A student sees their own application here; the organisation sees how many have applied.
  const mine =
    user.role === 'student' ? optional(await apiFetchAll<Application>('/api/applications', { fetch })) : null;
  const applicants = project.canEdit
    ? optional(await apiFetchAll<Application>(`/api/projects/${id}/applications`, { fetch }))
    : null;

  return {
    user,
    project,
    myApplication: mine?.items.find((application) => application.projectId === project.id) ?? null,
    applicantCount: applicants ? applicants.items.length : null,
    newApplicantCount: applicants ? applicants.items.filter((a) => a.status === 'submitted').length : null,
  };
};
