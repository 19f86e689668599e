import type { Application } from '$shared/schemas/marketplace-views.ts';
import { apiFetchAll } from '$lib/api.ts';
import { required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  const user = signedInUser(locals, url);
  const applications = required(await apiFetchAll<Application>('/api/applications', { fetch }), url);
  return { user, applications: applications.items };
};
