import { error, redirect } from '@sveltejs/kit';
import type { Organisation, ProjectTemplate } from '$shared/schemas/marketplace-views.ts';
import { apiFetch, apiFetchAll } from '$lib/api.ts';
import { required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  const user = signedInUser(locals, url);
  if (user.role !== 'supervisor' && user.role !== 'admin') {
    error(403, 'Projects are posted by business supervisors. Sign up as a supervisor to offer one.');
  }
  const [orgs, templates] = await Promise.all([
    apiFetchAll<Organisation>('/api/orgs', { fetch }),
    apiFetch<{ items: ProjectTemplate[] }>('/api/project-templates', { fetch }),
  ]);
  const organisations = required(orgs, url).items;
  if (organisations.length === 0) redirect(303, '/orgs/new');

  const wanted = url.searchParams.get('org');
  const org = organisations.find((candidate) => candidate.id === wanted) ?? organisations[0]!;
  return { user, org, organisations, templates: required(templates, url).items };
};
