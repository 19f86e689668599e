import { error } from '@sveltejs/kit';
import { signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  const user = signedInUser(locals, url);
  if (user.role !== 'supervisor' && user.role !== 'admin') {
    error(
      403,
      'Only business supervisors register organisations. Sign up with a supervisor account to offer a project.',
    );
  }
  return { user };
};
