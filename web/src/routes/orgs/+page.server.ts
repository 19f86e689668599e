import type { Organisation } from '$shared/schemas/marketplace-views.ts';
import { apiFetch } from '$lib/api.ts';
import { required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  const user = signedInUser(locals, url);
  const orgs = required(await apiFetch<{ items: Organisation[] }>('/api/orgs', { fetch }), url);
  return {
    user,
    organisations: orgs.items,
    canRegister: user.role === 'supervisor' || user.role === 'admin',
  };
};
