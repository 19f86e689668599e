import { error } from '@sveltejs/kit';
import type { WorkspaceDetail } from '$shared/schemas/workspaces.ts';
import { apiFetch } from '$lib/api.ts';
import { required, signedInUser } from '$lib/marketplace/load.server.ts';
import { getTimeLog } from '$lib/workspace/time-log/time-log-api.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params, fetch }) => {
  const user = signedInUser(locals, url);
  const detail = await apiFetch<WorkspaceDetail>(`/api/workspaces/${encodeURIComponent(params.id)}`, {
    fetch,
  });
  // Not a member and no such workspace look the same, so the page does not reveal which.
  if (!detail.ok && (detail.status === 400 || detail.status === 403 || detail.status === 404))
    error(404, 'This workspace does not exist, or you are not one of its members.');
  const workspace = required(detail, url);
  const timeLog = required(await getTimeLog(workspace.id, fetch), url);
  return { user, workspace, timeLog };
};
