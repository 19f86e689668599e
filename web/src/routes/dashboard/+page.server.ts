import { redirect } from '@sveltejs/kit';
import { loginPathFor } from '$lib/safe-next.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  if (!locals.user) redirect(303, loginPathFor(`${url.pathname}${url.search}`));
  // Returned again so the page's `data.user` is typed as signed in.
  return { user: locals.user };
};
