import { error } from '@sveltejs/kit';
import { getCredential } from '$lib/portfolio/credentials.ts';
import type { PageServerLoad } from './$types';

/** Anyone may check a credential by its id; no login. */
export const load: PageServerLoad = async ({ params, fetch }) => {
  const result = await getCredential(params.id, fetch);
  if (!result.ok) {
    if (result.status === 400 || result.status === 404)
      error(404, 'There is no credential with this id here. Check the link, or paste the credential below.');
    error(result.status >= 500 || result.status === 0 ? 503 : result.status, result.error.message);
  }
  return { credential: result.data };
};
