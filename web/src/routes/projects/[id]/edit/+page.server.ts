import { error } from '@sveltejs/kit';
import type { Project } from '$shared/schemas/marketplace-views.ts';
import { apiFetch } from '$lib/api.ts';
import { required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params, fetch }) => {
  const user = signedInUser(locals, url);
  const project = required(
    await apiFetch<Project>(`/api/projects/${encodeURIComponent(params.id)}`, { fetch }),
    url,
  );
  if (!project.canEdit) error(403, 'Only the organisation’s supervisors can edit this project.');
  if (project.status === 'filled' || project.status === 'closed') {
    error(409, `This project is ${project.status} and can no longer be edited.`);
  }
  return { user, project };
};
