import { error } from '@sveltejs/kit';
import type { StudentProfile } from '$shared/schemas/marketplace-views.ts';
import { apiFetch } from '$lib/api.ts';
import { required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  const user = signedInUser(locals, url);
  if (user.role !== 'student')
    error(403, 'Profiles are for students: they tell the matcher what you can do and when.');
  const profile = required(await apiFetch<StudentProfile>('/api/students/me/profile', { fetch }), url);
  return { user, profile };
};
