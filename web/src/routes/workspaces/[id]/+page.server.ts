import { error, redirect } from '@sveltejs/kit';
import type { WorkspaceDetail } from '$shared/schemas/workspaces.ts';
import { apiFetch } from '$lib/api.ts';
import { loginPathFor } from '$lib/safe-next.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params, fetch }) => {
  const here = `${url.pathname}${url.search}`;
  if (!locals.user) redirect(303, loginPathFor(here));

  const result = await apiFetch<WorkspaceDetail>(`/api/workspaces/${encodeURIComponent(params.id)}`, {
    fetch,
  });
  if (!result.ok) {
    if (result.status === 401) redirect(303, loginPathFor(here));
    // Not a member and no such workspace look the same, so the page does not reveal which.
    if (result.status === 400 || result.status === 403 || result.status === 404)
      error(404, 'This workspace does not exist, or you are not one of its members.');
    error(result.status >= 500 || result.status === 0 ? 503 : result.status, result.error.message);
  }
  return { user: locals.user, workspace: result.data };
};
