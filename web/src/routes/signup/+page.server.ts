import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** Someone already signed in has nothing to do here. */
export const load: PageServerLoad = ({ locals }) => {
  if (locals.user) redirect(303, '/dashboard');
};
