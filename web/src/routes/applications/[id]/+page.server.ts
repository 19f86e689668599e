import type { Application, Project } from '$shared/schemas/marketplace-views.ts';
import { apiFetch } from '$lib/api.ts';
import { optional, required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params, fetch }) => {
  const user = signedInUser(locals, url);
  const application = required(
    await apiFetch<Application>(`/api/applications/${encodeURIComponent(params.id)}`, { fetch }),
    url,
  );
  // For the questions the answers belong to; a project that has since gone leaves them unlabelled.
  const project = optional(
    await apiFetch<Project>(`/api/projects/${encodeURIComponent(application.projectId)}`, { fetch }),
  );
  return { user, application, project, isApplicant: application.student.id === user.id };
};
