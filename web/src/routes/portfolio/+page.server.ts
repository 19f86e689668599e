import { error } from '@sveltejs/kit';
import { required, signedInUser } from '$lib/marketplace/load.server.ts';
import { getHandle, listEntries } from '$lib/portfolio/portfolio-api.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  const user = signedInUser(locals, url);
  if (user.role !== 'student')
    error(403, 'Portfolios are for students: a finished internship becomes an entry here.');
  const [entries, handle] = await Promise.all([listEntries(fetch), getHandle(fetch)]);
  return {
    entries: required(entries, url).items,
    handle: required(handle, url).handle,
  };
};
