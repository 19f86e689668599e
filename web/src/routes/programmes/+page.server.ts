import type { Programme } from '$shared/schemas/programmes.ts';
import { apiFetchAll } from '$lib/api.ts';
import { required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  const user = signedInUser(locals, url);
  const programmes = required(await apiFetchAll<Programme>('/api/programmes', { fetch }), url);
  return { user, programmes: programmes.items };
};
