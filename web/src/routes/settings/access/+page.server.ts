import { error } from '@sveltejs/kit';
import type { AccessAnswers } from '$shared/schemas/programmes.ts';
import { apiFetch } from '$lib/api.ts';
import { required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  const user = signedInUser(locals, url);
  if (user.role !== 'student') error(403, 'Only students answer the access questions.');
  const result = await apiFetch<{ answers: AccessAnswers | null }>('/api/students/me/access-answers', {
    fetch,
  });
  return { user, answers: required(result, url).answers };
};
