import { error } from '@sveltejs/kit';
import type { Application, Project } from '$shared/schemas/marketplace-views.ts';
import { apiFetch, apiFetchAll } from '$lib/api.ts';
import { optional, required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { ProjectMatches } from '$lib/marketplace/matching.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params, fetch }) => {
  const user = signedInUser(locals, url);
  const id = encodeURIComponent(params.id);
  const project = required(await apiFetch<Project>(`/api/projects/${id}`, { fetch }), url);
  if (!project.canEdit) error(403, 'Only the organisation’s supervisors see who applied.');

  const [applications, matches] = await Promise.all([
    apiFetchAll<Application>(`/api/projects/${id}/applications`, { fetch }),
    // Ranking needs the matcher; without it (404) the page lists applicants newest first.
    apiFetch<ProjectMatches>(`/api/projects/${id}/matches`, { fetch }).then(optional),
  ]);
  return {
    user,
    project,
    applications: required(applications, url).items,
    // The applicants ranked among themselves; older matchers only send everyone (`items`).
    fits: matches ? (matches.applicants ?? matches.items) : null,
    suggested: matches
      ? (matches.suggested ?? matches.items.filter((match) => !match.applied)).slice(0, 5)
      : [],
  };
};
