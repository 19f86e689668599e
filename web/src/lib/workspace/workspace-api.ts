import { apiFetch, apiFetchAll, type ApiResult } from '$lib/api.ts';
import type {
  BriefVersion,
  WorkspaceDetail,
  WorkspaceInvitation,
  WorkspaceMember,
} from '$shared/schemas/workspaces.ts';
import type { WorkspaceRole } from '$shared/workspace-roles.ts';
import type { BriefComment, CommentThread } from '$shared/schemas/comments.ts';

/** The workspace endpoints the pages call, typed once. */
const base = (workspaceId: string) => `/api/workspaces/${encodeURIComponent(workspaceId)}`;

export function createWorkspace(title: string): Promise<ApiResult<WorkspaceDetail>> {
  return apiFetch('/api/workspaces', { method: 'POST', body: { title } });
}

/** Adds a member, or (when nobody has an account with that email yet) records an invitation. */
export function inviteMember(
  workspaceId: string,
  email: string,
  role: WorkspaceRole,
): Promise<ApiResult<WorkspaceMember | WorkspaceInvitation>> {
  return apiFetch(`${base(workspaceId)}/members`, { method: 'POST', body: { email, role } });
}

export function removeMember(workspaceId: string, userId: string): Promise<ApiResult<unknown>> {
  return apiFetch(`${base(workspaceId)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' });
}

export function cancelInvitation(workspaceId: string, invitationId: string): Promise<ApiResult<unknown>> {
  return apiFetch(`${base(workspaceId)}/invitations/${encodeURIComponent(invitationId)}`, {
    method: 'DELETE',
  });
}

export function listVersions(workspaceId: string): Promise<ApiResult<{ items: BriefVersion[] }>> {
  return apiFetchAll<BriefVersion>(`${base(workspaceId)}/versions`);
}

export function saveVersion(workspaceId: string, label: string): Promise<ApiResult<BriefVersion>> {
  return apiFetch(`${base(workspaceId)}/versions`, { method: 'POST', body: { label } });
}

export function getVersion(
  workspaceId: string,
  versionId: string,
): Promise<ApiResult<BriefVersion & { state: string }>> {
  return apiFetch(`${base(workspaceId)}/versions/${encodeURIComponent(versionId)}`);
}

export function restoreVersion(workspaceId: string, versionId: string): Promise<ApiResult<{ ok: true }>> {
  return apiFetch(`${base(workspaceId)}/versions/${encodeURIComponent(versionId)}/restore`, {
    method: 'POST',
    body: {},
  });
}

export function isInvitation(added: WorkspaceMember | WorkspaceInvitation): added is WorkspaceInvitation {
  return 'status' in added && added.status === 'pending';
}

const comments = (workspaceId: string) => `${base(workspaceId)}/comments`;

export function listCommentThreads(workspaceId: string): Promise<ApiResult<{ items: CommentThread[] }>> {
  return apiFetchAll<CommentThread>(comments(workspaceId));
}

export function startCommentThread(
  workspaceId: string,
  input: { body: string; quote: string; anchor: { start: string; end: string } },
): Promise<ApiResult<CommentThread>> {
  return apiFetch(comments(workspaceId), { method: 'POST', body: input });
}

export function replyToCommentThread(
  workspaceId: string,
  threadId: string,
  body: string,
): Promise<ApiResult<BriefComment & { thread: CommentThread }>> {
  return apiFetch(`${comments(workspaceId)}/${encodeURIComponent(threadId)}/replies`, {
    method: 'POST',
    body: { body },
  });
}

export function editCommentBody(
  workspaceId: string,
  commentId: string,
  body: string,
): Promise<ApiResult<CommentThread>> {
  return apiFetch(`${comments(workspaceId)}/${encodeURIComponent(commentId)}`, {
    method: 'PATCH',
    body: { body },
  });
}

export function deleteCommentById(
  workspaceId: string,
  commentId: string,
): Promise<ApiResult<{ ok: true; thread: CommentThread | null }>> {
  return apiFetch(`${comments(workspaceId)}/${encodeURIComponent(commentId)}`, { method: 'DELETE' });
}

export function setCommentThreadResolved(
  workspaceId: string,
  threadId: string,
  resolved: boolean,
): Promise<ApiResult<CommentThread>> {
  return apiFetch(
    `${comments(workspaceId)}/${encodeURIComponent(threadId)}/${resolved ? 'resolve' : 'reopen'}`,
    { method: 'POST', body: {} },
  );
}
