import type {
  Deliverable,
  EntryVisibility,
  FeedbackView,
  PortfolioEntry,
  WorkspaceCompletion,
  WorkspaceMilestone,
} from '$shared/schemas/portfolio.ts';
import { apiFetch, apiFetchAll, type ApiError, type ApiResult } from '$lib/api.ts';

/** The end-of-workspace and portfolio endpoints the pages call, typed once. */
const workspace = (id: string) => `/api/workspaces/${encodeURIComponent(id)}`;
const milestone = (id: string) => `/api/milestones/${encodeURIComponent(id)}`;
const entry = (id: string) => `/api/portfolio/entries/${encodeURIComponent(id)}`;

type List<T> = { items: T[] };

export function listMilestones(workspaceId: string, fetchImpl?: typeof fetch) {
  return apiFetch<List<WorkspaceMilestone>>(`${workspace(workspaceId)}/milestones`, { fetch: fetchImpl });
}

export function addMilestone(workspaceId: string, title: string, week: number | null) {
  return apiFetch<WorkspaceMilestone>(`${workspace(workspaceId)}/milestones`, {
    method: 'POST',
    body: { title, week },
  });
}

export function submitMilestone(milestoneId: string) {
  return apiFetch<WorkspaceMilestone>(`${milestone(milestoneId)}/submit`, { method: 'POST', body: {} });
}

export function acceptMilestone(milestoneId: string) {
  return apiFetch<WorkspaceMilestone>(`${milestone(milestoneId)}/accept`, { method: 'POST', body: {} });
}

export function requestChanges(milestoneId: string, comment: string) {
  return apiFetch<WorkspaceMilestone>(`${milestone(milestoneId)}/request-changes`, {
    method: 'POST',
    body: { comment },
  });
}

export function dropMilestone(milestoneId: string, reason: string) {
  return apiFetch<WorkspaceMilestone>(`${milestone(milestoneId)}/drop`, {
    method: 'POST',
    body: { reason },
  });
}

export function listDeliverables(workspaceId: string, fetchImpl?: typeof fetch) {
  return apiFetchAll<Deliverable>(`${workspace(workspaceId)}/deliverables`, { fetch: fetchImpl });
}

export function addLinkDeliverable(
  workspaceId: string,
  input: { title: string; url: string; milestoneId: string },
) {
  return apiFetch<Deliverable>(`${workspace(workspaceId)}/deliverables`, {
    method: 'POST',
    body: { kind: 'link', ...input },
  });
}

export function deleteDeliverable(deliverableId: string) {
  return apiFetch<{ ok: true }>(`/api/deliverables/${encodeURIComponent(deliverableId)}`, {
    method: 'DELETE',
  });
}

const UPLOAD_FAILED: ApiError = {
  code: 'network_error',
  message: 'The upload did not reach Stint. Check your connection and try again.',
};

/**
 * Uploads a file as multipart/form-data (apiFetch speaks JSON only). Answers like apiFetch: the
 * created deliverable, or the API's error (too large, wrong type…) in the same shape.
 */
export async function uploadDeliverable(
  workspaceId: string,
  input: { file: File; title: string; milestoneId: string },
): Promise<ApiResult<Deliverable>> {
  const form = new FormData();
  if (input.title) form.append('title', input.title);
  form.append('milestoneId', input.milestoneId);
  form.append('file', input.file);
  let response: Response;
  try {
    response = await fetch(`${workspace(workspaceId)}/deliverables`, {
      method: 'POST',
      headers: { accept: 'application/json' },
      body: form,
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, status: 0, data: null, error: UPLOAD_FAILED };
  }
  const parsed: unknown = await response.json().catch(() => null);
  if (response.ok) return { ok: true, status: response.status, data: parsed as Deliverable, error: null };
  const error =
    typeof parsed === 'object' && parsed !== null && 'error' in parsed
      ? (parsed as { error: ApiError }).error
      : {
          code: 'upload_failed',
          message:
            response.status === 413
              ? 'That file is too large to upload.'
              : 'The upload failed. Please try again in a moment.',
        };
  return { ok: false, status: response.status, data: null, error };
}

export interface CompletionInput {
  endorsement: string;
  skills: { skill: string; level: 1 | 2 | 3 }[];
  startDate?: string;
  endDate?: string;
}

export function completeWorkspace(workspaceId: string, input: CompletionInput) {
  return apiFetch<WorkspaceCompletion>(`${workspace(workspaceId)}/complete`, { method: 'POST', body: input });
}

export function getFeedback(workspaceId: string, fetchImpl?: typeof fetch) {
  return apiFetch<FeedbackView>(`${workspace(workspaceId)}/feedback`, { fetch: fetchImpl });
}

export function giveFeedback(workspaceId: string, input: { rating: number; comment: string }) {
  return apiFetch<FeedbackView>(`${workspace(workspaceId)}/feedback`, { method: 'POST', body: input });
}

export function listEntries(fetchImpl?: typeof fetch) {
  return apiFetchAll<PortfolioEntry>('/api/portfolio/entries', { fetch: fetchImpl });
}

export function updateEntry(
  entryId: string,
  input: { summary?: string; visibility?: EntryVisibility; deliverableIds?: string[]; taskIds?: string[] },
) {
  return apiFetch<PortfolioEntry>(entry(entryId), { method: 'PATCH', body: input });
}

export function getHandle(fetchImpl?: typeof fetch) {
  return apiFetch<{ handle: string | null }>('/api/portfolio/handle', { fetch: fetchImpl });
}

export function setHandle(handle: string) {
  return apiFetch<{ handle: string }>('/api/portfolio/handle', { method: 'PUT', body: { handle } });
}

/** Where the owner downloads one entry; `ob3` is the signed Open Badges credential. */
export const entryExportUrl = (entryId: string, format: 'pdf' | 'md' | 'json-resume' | 'ob3') =>
  `${entry(entryId)}/export?format=${format}`;

export const portfolioExportUrl = (format: 'pdf' | 'md' | 'json-resume') =>
  `/api/portfolio/export?format=${format}`;

/** Anyone holding an unlisted or public entry's token downloads it here. */
export const sharedExportUrl = (shareToken: string, format: 'pdf' | 'md' | 'json-resume') =>
  `/api/public/entries/${encodeURIComponent(shareToken)}/export?format=${format}`;

/** A credential issued for one of a workspace's interns, as its supervisors see it. */
export interface IssuedCredential {
  id: string;
  student: { name: string };
  issuedAt: string;
  revokedAt: string | null;
  status: 'valid' | 'revoked';
}

export function listWorkspaceCredentials(workspaceId: string) {
  return apiFetchAll<IssuedCredential>(`${workspace(workspaceId)}/credentials`);
}

export function revokeCredential(credentialId: string) {
  return apiFetch<{ id: string; status: 'revoked'; revokedAt: string }>(
    `/api/credentials/${encodeURIComponent(credentialId)}/revoke`,
    { method: 'POST' },
  );
}
