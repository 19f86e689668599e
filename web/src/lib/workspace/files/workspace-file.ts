import type { WorkspaceAttachment } from '$shared/schemas/attachments.ts';
import type { Deliverable } from '$shared/schemas/portfolio.ts';

/** One row of the Files tab: a file deliverable or an attached file, described the same way. */
export interface WorkspaceFile {
  key: string;
  fileName: string;
  mimeType: string | null;
  sizeBytes: number | null;
  downloadUrl: string;
  authorName: string | null;
  createdAt: string;
  /** What the file belongs to, in words: “Deliverable: Launch post”, “Card: Design the poster”. */
  belongsTo: string;
}

export function fromDeliverable(deliverable: Deliverable): WorkspaceFile | null {
  if (deliverable.kind !== 'file' || !deliverable.downloadUrl) return null;
  return {
    key: `deliverable:${deliverable.id}`,
    fileName: deliverable.fileName ?? deliverable.title,
    mimeType: deliverable.mimeType,
    sizeBytes: deliverable.sizeBytes,
    downloadUrl: deliverable.downloadUrl,
    authorName: deliverable.author?.name ?? null,
    createdAt: deliverable.createdAt,
    belongsTo: `Deliverable: ${deliverable.title}`,
  };
}

export function fromAttachment(attachment: WorkspaceAttachment): WorkspaceFile {
  const { attachedTo } = attachment;
  return {
    key: `attachment:${attachment.id}`,
    fileName: attachment.fileName,
    mimeType: attachment.mimeType,
    sizeBytes: attachment.sizeBytes,
    downloadUrl: attachment.downloadUrl,
    authorName: attachment.author?.name ?? null,
    createdAt: attachment.createdAt,
    belongsTo:
      attachedTo.kind === 'card'
        ? `Card: ${attachedTo.title ?? 'a deleted card'}`
        : `Comment: “${attachedTo.excerpt}”`,
  };
}

/** Newest first, as both lists come from the server. */
export function newestFirst(files: WorkspaceFile[]): WorkspaceFile[] {
  return files.toSorted((a, b) => b.createdAt.localeCompare(a.createdAt));
}
