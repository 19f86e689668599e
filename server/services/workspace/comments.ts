import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { afterCursor, readCursor, toPageAt, type Page } from '../../db/pagination.ts';
import type { PageQuery } from '../../../shared/schemas/pagination.ts';
import { briefComments, users } from '../../db/schema.ts';
import type { DomainEventBus } from '../../events.ts';
import { AppError } from '../../errors.ts';
import type { BriefComment, CommentThread } from '../../../shared/schemas/comments.ts';
import { isUuid } from '../../../shared/ids.ts';
import { checkAnchor } from './comment-anchors.ts';
import { decodePosition } from '../../../shared/comment-anchors.ts';
import { loadDocument } from '../live/doc-store.ts';
import { notifyMentions } from './mentions.ts';

/**
 * Comment threads on the brief. Callers have authorized the action (server/auth/permissions.ts);
 * every change is announced as `comments:changed` with the thread as it now is, so the live layer
 * pushes it to everyone in the workspace.
 */

export const commentNotFound = () =>
  new AppError(404, 'comment_not_found', 'That comment does not exist (it may have been deleted).');

const resolver = alias(users, 'resolver');

type Row = typeof briefComments.$inferSelect & {
  authorName: string | null;
  resolverName: string | null;
};

const author = (id: string | null, name: string | null) => (id && name ? { id, name } : null);

function toComment(row: Row): BriefComment {
  return {
    id: row.id,
    author: author(row.authorId, row.authorName),
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
  };
}

function toThread(root: Row, replies: Row[]): CommentThread {
  return {
    ...toComment(root),
    workspaceId: root.workspaceId,
    anchor: {
      start: Buffer.from(root.anchorStart ?? []).toString('base64'),
      end: Buffer.from(root.anchorEnd ?? []).toString('base64'),
    },
    quote: root.quote ?? '',
    resolvedAt: root.resolvedAt?.toISOString() ?? null,
    resolvedBy: author(root.resolvedBy, root.resolverName),
    replies: replies.map(toComment),
  };
}

async function selectRows(db: Db, workspaceId: string, threadIds?: string[]): Promise<Row[]> {
  const rows = await db
    .select({ comment: briefComments, authorName: users.name, resolverName: resolver.name })
    .from(briefComments)
    .leftJoin(users, eq(users.id, briefComments.authorId))
    .leftJoin(resolver, eq(resolver.id, briefComments.resolvedBy))
    .where(
      and(
        eq(briefComments.workspaceId, workspaceId),
        threadIds
          ? or(inArray(briefComments.id, threadIds), inArray(briefComments.threadId, threadIds))
          : undefined,
      ),
    )
    .orderBy(asc(briefComments.createdAt), asc(briefComments.id));
  return rows.map((row) => ({ ...row.comment, authorName: row.authorName, resolverName: row.resolverName }));
}

function group(rows: Row[]): CommentThread[] {
  const replies = new Map<string, Row[]>();
  for (const row of rows)
    if (row.threadId) replies.set(row.threadId, [...(replies.get(row.threadId) ?? []), row]);
  return rows.filter((row) => !row.threadId).map((root) => toThread(root, replies.get(root.id) ?? []));
}

/** The workspace's threads, oldest first, a page of threads at a time, each with all its replies. */
export async function listThreads(
  db: Db,
  workspaceId: string,
  page: PageQuery,
): Promise<Page<CommentThread>> {
  const roots = await db
    .select({ id: briefComments.id, createdAt: briefComments.createdAt })
    .from(briefComments)
    .where(
      and(
        eq(briefComments.workspaceId, workspaceId),
        isNull(briefComments.threadId),
        afterCursor(briefComments.createdAt, briefComments.id, readCursor(page.cursor)),
      ),
    )
    .orderBy(asc(briefComments.createdAt), asc(briefComments.id))
    .limit(page.limit + 1);
  const { items, next } = toPageAt(
    roots,
    page.limit,
    (root) => root,
    (root) => root.id,
  );
  return { items: items.length === 0 ? [] : group(await selectRows(db, workspaceId, items)), next };
}

async function loadThread(db: Db, workspaceId: string, threadId: string): Promise<CommentThread | null> {
  return group(await selectRows(db, workspaceId, [threadId]))[0] ?? null;
}

/** The comment a change names, with what the caller needs to authorize it; 404 when it is not here. */
export async function findComment(
  db: Db,
  workspaceId: string,
  commentId: string,
): Promise<{ id: string; authorId: string | null; threadId: string }> {
  if (!isUuid(commentId)) throw commentNotFound();
  const [row] = await db
    .select({ id: briefComments.id, authorId: briefComments.authorId, threadId: briefComments.threadId })
    .from(briefComments)
    .where(and(eq(briefComments.workspaceId, workspaceId), eq(briefComments.id, commentId)));
  if (!row) throw commentNotFound();
  return { id: row.id, authorId: row.authorId, threadId: row.threadId ?? row.id };
}

async function announce(db: Db, events: DomainEventBus, workspaceId: string, threadId: string) {
  const thread = await loadThread(db, workspaceId, threadId);
  events.emit('comments:changed', { workspaceId, threadId, thread });
  return thread;
}

/** Starts a thread on a stretch of the brief; the anchor must name text in the stored brief. */
export async function startThread(
  db: Db,
  events: DomainEventBus,
  input: {
    workspaceId: string;
    authorId: string;
    body: string;
    quote: string;
    anchor: { start: string; end: string };
  },
): Promise<CommentThread> {
  const anchor = {
    start: decodePosition(input.anchor.start),
    end: decodePosition(input.anchor.end),
  };
  const { doc } = await loadDocument(db, input.workspaceId);
  try {
    checkAnchor(doc, anchor);
  } finally {
    doc.destroy();
  }
  const [row] = await db
    .insert(briefComments)
    .values({
      workspaceId: input.workspaceId,
      authorId: input.authorId,
      body: input.body,
      quote: input.quote,
      anchorStart: anchor.start,
      anchorEnd: anchor.end,
    })
    .returning({ id: briefComments.id });
  const thread = await announce(db, events, input.workspaceId, row!.id);
  await notifyMentions(db, events, { ...input, where: 'comment' });
  return thread!;
}

export async function replyToThread(
  db: Db,
  events: DomainEventBus,
  input: { workspaceId: string; threadId: string; authorId: string; body: string },
): Promise<{ reply: BriefComment; thread: CommentThread }> {
  const target = await findComment(db, input.workspaceId, input.threadId);
  const [row] = await db
    .insert(briefComments)
    .values({
      workspaceId: input.workspaceId,
      threadId: target.threadId,
      authorId: input.authorId,
      body: input.body,
    })
    .returning({ id: briefComments.id });
  const thread = (await announce(db, events, input.workspaceId, target.threadId))!;
  await notifyMentions(db, events, { ...input, where: 'comment' });
  const reply = thread.replies.find((candidate) => candidate.id === row!.id)!;
  return { reply, thread };
}

export async function editComment(
  db: Db,
  events: DomainEventBus,
  input: { workspaceId: string; commentId: string; body: string },
): Promise<CommentThread> {
  const target = await findComment(db, input.workspaceId, input.commentId);
  await db
    .update(briefComments)
    .set({ body: input.body, editedAt: new Date() })
    .where(eq(briefComments.id, target.id));
  return (await announce(db, events, input.workspaceId, target.threadId))!;
}

/** Deletes a comment; deleting the first comment of a thread deletes its replies with it. */
export async function deleteComment(
  db: Db,
  events: DomainEventBus,
  input: { workspaceId: string; commentId: string },
): Promise<CommentThread | null> {
  const target = await findComment(db, input.workspaceId, input.commentId);
  await db.delete(briefComments).where(eq(briefComments.id, target.id));
  return announce(db, events, input.workspaceId, target.threadId);
}

export async function setThreadResolved(
  db: Db,
  events: DomainEventBus,
  input: { workspaceId: string; threadId: string; userId: string; resolved: boolean },
): Promise<CommentThread> {
  const target = await findComment(db, input.workspaceId, input.threadId);
  await db
    .update(briefComments)
    .set(
      input.resolved
        ? { resolvedAt: new Date(), resolvedBy: input.userId }
        : { resolvedAt: null, resolvedBy: null },
    )
    .where(and(eq(briefComments.id, target.threadId), isNull(briefComments.threadId)));
  return (await announce(db, events, input.workspaceId, target.threadId))!;
}
