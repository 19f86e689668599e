import { redirect } from '@sveltejs/kit';
import { safeNextPath } from '$lib/safe-next.ts';
import type { PageServerLoad } from './$types';

/** Someone already signed in goes straight where they were heading. */
export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user) redirect(303, safeNextPath(url.searchParams.get('next')));
};
