import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/**
 * The form works before (or without) the page's script: it submits `?code=`, and the code's own page
 * takes it from here, as the script's navigation would.
 */
export const load: PageServerLoad = ({ url }) => {
  const code = url.searchParams.get('code')?.trim().toUpperCase();
  if (code) redirect(303, `/join/${encodeURIComponent(code)}`);
};
