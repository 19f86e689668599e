import { and, desc, eq, type SQL } from 'drizzle-orm';
import type * as Y from 'yjs';
import type { Db } from '../../db/client.ts';
import { briefComments, users, workspaceAttachments } from '../../db/schema.ts';
import { getTasks } from '../../../shared/doc-layout.ts';
import type {
  AttachedTo,
  AttachmentsQuery,
  WorkspaceAttachment,
} from '../../../shared/schemas/attachments.ts';
import { isUuid } from '../../../shared/ids.ts';
import type { BlobStore } from '../../portfolio/blob-store.ts';
import type { ReceivedFile } from '../../portfolio/upload.ts';
import { AppError } from '../../errors.ts';
import { beforeCursor, readCursor, toPage } from '../../db/pagination.ts';
import { loadDocument } from '../live/doc-store.ts';
import { findComment } from './comments.ts';
import { lockActiveWorkspace } from './milestones.ts';
import { lockBlob, releaseBlob } from './stored-files.ts';

/**
 * Files attached to a board card or a comment. Callers have authorized the action and checked the
 * file (type by its bytes, size, name) with the deliverables' upload path; this keeps the row and
 * the stored bytes together.
 */

export const attachmentNotFound = () =>
  new AppError(404, 'attachment_not_found', 'That file does not exist or you are not a member.');

const unknownCard = () => new AppError(404, 'card_not_found', 'That card is not on this workspace’s board.');

type Row = typeof workspaceAttachments.$inferSelect;
export type AttachmentTarget = { cardId: string } | { commentId: string };

const EXCERPT_LENGTH = 80;
const excerptOf = (body: string) =>
  body.length > EXCERPT_LENGTH ? `${body.slice(0, EXCERPT_LENGTH - 1)}…` : body;

function cardTitle(doc: Y.Doc, cardId: string): string | null {
  const title = getTasks(doc)?.get(cardId)?.get('title');
  return typeof title === 'string' ? title : null;
}

function toAttachment(
  row: Row,
  author: { id: string | null; name: string | null },
  attachedTo: AttachedTo,
): WorkspaceAttachment {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    fileName: row.fileName,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes,
    downloadUrl: `/api/attachments/${row.id}/download`,
    author: author.id && author.name ? { id: author.id, name: author.name } : null,
    attachedTo,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A workspace's attachments, newest first, a page at a time; optionally those of one card or comment. */
export async function listAttachments(
  db: Db,
  workspaceId: string,
  query: AttachmentsQuery,
): Promise<{ items: WorkspaceAttachment[]; next: string | null }> {
  const filters: (SQL | undefined)[] = [eq(workspaceAttachments.workspaceId, workspaceId)];
  if (query.cardId) filters.push(eq(workspaceAttachments.cardId, query.cardId));
  if (query.commentId) filters.push(eq(workspaceAttachments.commentId, query.commentId));
  const rows = await db
    .select({
      row: workspaceAttachments,
      authorId: users.id,
      authorName: users.name,
      commentBody: briefComments.body,
      threadId: briefComments.threadId,
    })
    .from(workspaceAttachments)
    .leftJoin(users, eq(users.id, workspaceAttachments.authorId))
    .leftJoin(briefComments, eq(briefComments.id, workspaceAttachments.commentId))
    .where(
      and(
        ...filters,
        beforeCursor(workspaceAttachments.createdAt, workspaceAttachments.id, readCursor(query.cursor)),
      ),
    )
    .orderBy(desc(workspaceAttachments.createdAt), desc(workspaceAttachments.id))
    .limit(query.limit + 1);
  // Card titles live in the board, not in a table: read once for the whole page.
  const doc = rows.some((entry) => entry.row.cardId) ? (await loadDocument(db, workspaceId)).doc : null;
  return toPage(
    rows.map((entry) => ({ ...entry, createdAt: entry.row.createdAt, id: entry.row.id })),
    query.limit,
    ({ row, authorId, authorName, commentBody, threadId }) =>
      toAttachment(
        row,
        { id: authorId, name: authorName },
        row.cardId
          ? { kind: 'card', cardId: row.cardId, title: doc ? cardTitle(doc, row.cardId) : null }
          : {
              kind: 'comment',
              commentId: row.commentId!,
              threadId: threadId ?? row.commentId!,
              excerpt: excerptOf(commentBody ?? ''),
            },
      ),
  );
}

export async function findAttachment(db: Db, attachmentId: string): Promise<Row | null> {
  if (!isUuid(attachmentId)) return null;
  const [row] = await db.select().from(workspaceAttachments).where(eq(workspaceAttachments.id, attachmentId));
  return row ?? null;
}

/** What the file is attached to, checked to exist in this workspace before anything is stored. */
async function resolveTarget(db: Db, workspaceId: string, target: AttachmentTarget): Promise<AttachedTo> {
  if ('cardId' in target) {
    const { doc } = await loadDocument(db, workspaceId);
    const title = cardTitle(doc, target.cardId);
    if (title === null) throw unknownCard();
    return { kind: 'card', cardId: target.cardId, title };
  }
  const comment = await findComment(db, workspaceId, target.commentId);
  const [row] = await db
    .select({ body: briefComments.body })
    .from(briefComments)
    .where(eq(briefComments.id, comment.id));
  return {
    kind: 'comment',
    commentId: comment.id,
    threadId: comment.threadId,
    excerpt: excerptOf(row?.body ?? ''),
  };
}

/**
 * Records an attached file and moves its bytes into place in one step, as a file deliverable is:
 * the row and the rename share a transaction, and a failure removes the bytes again unless
 * another row shares them.
 */
export async function attachFile(
  db: Db,
  store: BlobStore,
  input: {
    workspaceId: string;
    authorId: string;
    target: AttachmentTarget;
    fileName: string;
    mimeType: string;
  },
  file: ReceivedFile,
): Promise<WorkspaceAttachment> {
  const attachedTo = await resolveTarget(db, input.workspaceId, input.target);
  let row: Row;
  try {
    row = await db.transaction(async (tx) => {
      await lockActiveWorkspace(tx, input.workspaceId);
      await lockBlob(tx, file.sha256);
      const [row] = await tx
        .insert(workspaceAttachments)
        .values({
          workspaceId: input.workspaceId,
          cardId: 'cardId' in input.target ? input.target.cardId : null,
          commentId: 'commentId' in input.target ? input.target.commentId : null,
          fileName: input.fileName,
          mimeType: input.mimeType,
          sizeBytes: file.size,
          sha256: file.sha256,
          authorId: input.authorId,
        })
        .returning();
      await store.commit(file.tempPath, file.sha256);
      return row!;
    });
  } catch (error) {
    await releaseBlob(db, store, file.sha256);
    throw error;
  }
  const [author] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.id, input.authorId));
  return toAttachment(row, author ?? { id: null, name: null }, attachedTo);
}
