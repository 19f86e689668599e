import { apiFetch, apiFetchAll, type ApiResult } from '$lib/api.ts';
import type { WorkspaceAttachment } from '$shared/schemas/attachments.ts';
import type { Deliverable } from '$shared/schemas/portfolio.ts';

/** The endpoints of the Files tab and of attaching a file, typed once. */
const base = (workspaceId: string) => `/api/workspaces/${encodeURIComponent(workspaceId)}`;

export function listWorkspaceDeliverables(workspaceId: string): Promise<ApiResult<{ items: Deliverable[] }>> {
  return apiFetchAll<Deliverable>(`${base(workspaceId)}/deliverables`);
}

export function listAttachments(
  workspaceId: string,
  of: { cardId?: string; commentId?: string } = {},
): Promise<ApiResult<{ items: WorkspaceAttachment[] }>> {
  const query = new URLSearchParams(of as Record<string, string>).toString();
  return apiFetchAll<WorkspaceAttachment>(`${base(workspaceId)}/attachments${query ? `?${query}` : ''}`);
}

const UPLOAD_FAILED = {
  code: 'network_error',
  message: 'The file could not be sent. Check your connection and try again.',
};

/** multipart/form-data (apiFetch speaks JSON only); answers like apiFetch, errors in the API's shape. */
async function upload(url: string, file: File): Promise<ApiResult<WorkspaceAttachment>> {
  const form = new FormData();
  form.append('file', file);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { accept: 'application/json' },
      body: form,
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, status: 0, data: null, error: UPLOAD_FAILED };
  }
  const parsed = (await response.json().catch(() => null)) as
    WorkspaceAttachment | { error?: { code: string; message: string } } | null;
  if (response.ok)
    return { ok: true, status: response.status, data: parsed as WorkspaceAttachment, error: null };
  const error = parsed && 'error' in parsed && parsed.error ? parsed.error : UPLOAD_FAILED;
  return { ok: false, status: response.status, data: null, error };
}

export function attachToCard(workspaceId: string, cardId: string, file: File) {
  return upload(`${base(workspaceId)}/cards/${encodeURIComponent(cardId)}/attachments`, file);
}

export function attachToComment(workspaceId: string, commentId: string, file: File) {
  return upload(`${base(workspaceId)}/comments/${encodeURIComponent(commentId)}/attachments`, file);
}

/** The bytes of a file for a preview; members only, like the download itself. */
export async function fetchFileBytes(url: string): Promise<ArrayBuffer | null> {
  const response = await fetch(url, { credentials: 'same-origin' }).catch(() => null);
  return response?.ok ? response.arrayBuffer() : null;
}

export { apiFetch };
