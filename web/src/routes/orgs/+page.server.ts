import type { Organisation } from '$shared/schemas/marketplace-views.ts';
import { apiFetchAll } from '$lib/api.ts';
import { required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  const user = signedInUser(locals, url);
  const orgs = required(await apiFetchAll<Organisation>('/api/orgs', { fetch }), url);
  return {
    user,
    // The API answers newest first, a page at a time; the page lists them by name.
    organisations: orgs.items.toSorted((a, b) => a.name.localeCompare(b.name)),
    canRegister: user.role === 'supervisor' || user.role === 'admin',
  };
};
