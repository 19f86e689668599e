import { error, redirect } from '@sveltejs/kit';
import type { WorkspaceSummary } from '$shared/schemas/workspaces.ts';
import { apiFetchAll } from '$lib/api.ts';
import { loginPathFor } from '$lib/safe-next.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  if (!locals.user) redirect(303, loginPathFor(`${url.pathname}${url.search}`));

  const result = await apiFetchAll<WorkspaceSummary>('/api/workspaces', { fetch });
  if (!result.ok) {
    if (result.status === 401) redirect(303, loginPathFor(`${url.pathname}${url.search}`));
    error(result.status >= 500 || result.status === 0 ? 503 : result.status, result.error.message);
  }
  return {
    user: locals.user,
    workspaces: result.data.items,
    canStart: locals.user.role === 'supervisor' || locals.user.role === 'admin',
  };
};
