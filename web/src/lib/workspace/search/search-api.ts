import { apiFetch, type ApiResult } from '$lib/api.ts';
import type { WorkspaceSearchResponse } from '$shared/schemas/search.ts';

export function searchWorkspace(workspaceId: string, q: string): Promise<ApiResult<WorkspaceSearchResponse>> {
  const query = new URLSearchParams({ q });
  return apiFetch(`/api/workspaces/${encodeURIComponent(workspaceId)}/search?${query}`);
}
