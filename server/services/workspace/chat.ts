import { and, desc, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { chatMessages, users, workspaceMembers } from '../../db/schema.ts';
import type { ChatMessage } from '../../../shared/schemas/chat.ts';
import { ChatLogWriter, type NewChatMessage, type PostedChatMessage } from './chat-log.ts';

export const CHAT_PAGE_SIZE = 50;

type MessageRow = typeof chatMessages.$inferSelect & { authorName: string };

function toChatMessage(row: MessageRow): ChatMessage {
  return {
    id: row.id,
    seq: row.seq,
    workspaceId: row.workspaceId,
    author: { id: row.authorId, name: row.authorName },
    body: row.body,
    clientId: row.clientId,
    createdAt: row.createdAt.toISOString(),
  };
}

const messageColumns = {
  id: chatMessages.id,
  seq: chatMessages.seq,
  workspaceId: chatMessages.workspaceId,
  authorId: chatMessages.authorId,
  body: chatMessages.body,
  clientId: chatMessages.clientId,
  createdAt: chatMessages.createdAt,
  authorName: users.name,
};

/** One group-commit writer per database (a process has one; tests open several). */
const writers = new WeakMap<Db, ChatLogWriter>();

/**
 * Stores a chat message. Sending again with the same clientId (a retry after a lost ack) returns
 * the stored message with `created: false` instead of posting it twice. Messages sent at the same
 * moment, in any workspace, share one INSERT (chat-log.ts, group commit); each resolves once its
 * row is committed.
 */
export function postMessage(db: Db, input: NewChatMessage): Promise<PostedChatMessage> {
  let writer = writers.get(db);
  if (!writer) writers.set(db, (writer = new ChatLogWriter(db)));
  return writer.post(input);
}

/** A page of messages before `before` (a seq), oldest first, and whether older ones exist. */
export async function listMessages(
  db: Db,
  workspaceId: string,
  options: { before?: number | undefined; limit?: number } = {},
): Promise<{ items: ChatMessage[]; hasMore: boolean }> {
  const limit = options.limit ?? CHAT_PAGE_SIZE;
  const rows = await db
    .select(messageColumns)
    .from(chatMessages)
    .innerJoin(users, eq(users.id, chatMessages.authorId))
    .where(
      and(
        eq(chatMessages.workspaceId, workspaceId),
        options.before === undefined ? undefined : lt(chatMessages.seq, options.before),
      ),
    )
    .orderBy(desc(chatMessages.seq))
    .limit(limit + 1);
  const hasMore = rows.length > limit;
  return { items: rows.slice(0, limit).reverse().map(toChatMessage), hasMore };
}

export async function countUnread(db: Db, workspaceId: string, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(chatMessages)
    .innerJoin(
      workspaceMembers,
      and(eq(workspaceMembers.workspaceId, chatMessages.workspaceId), eq(workspaceMembers.userId, userId)),
    )
    .where(
      and(
        eq(chatMessages.workspaceId, workspaceId),
        gt(chatMessages.seq, workspaceMembers.lastReadSeq),
        ne(chatMessages.authorId, userId),
      ),
    );
  return row?.n ?? 0;
}

/** Records that the member has read up to `seq`; never moves the mark backwards. */
export async function markRead(db: Db, workspaceId: string, userId: string, seq: number): Promise<number> {
  await db
    .update(workspaceMembers)
    .set({ lastReadSeq: sql`greatest(${workspaceMembers.lastReadSeq}, ${seq})` })
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
  return countUnread(db, workspaceId, userId);
}
