import { and, desc, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { chatMessages, users, workspaceMembers } from '../../db/schema.ts';
import type { ChatMessage } from '../../../shared/schemas/chat.ts';
import { queryRows } from '../../db/sql-rows.ts';

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

/**
 * Stores a chat message. Sending again with the same clientId (a retry after a lost ack) returns
 * the stored message with `created: false` instead of posting it twice. A new message costs one
 * statement (the insert hands its row, with the author's name, straight back); only a resend reads
 * the stored one.
 */
export async function postMessage(
  db: Db,
  input: { workspaceId: string; authorId: string; body: string; clientId: string },
): Promise<{ message: ChatMessage; created: boolean }> {
  const [inserted] = await queryRows<InsertedMessageRow>(
    db,
    sql`with inserted as (
          insert into ${chatMessages} (workspace_id, author_id, body, client_id)
          values (${input.workspaceId}, ${input.authorId}, ${input.body}, ${input.clientId})
          on conflict do nothing
          returning id, seq, workspace_id, author_id, body, client_id, created_at
        )
        select inserted.*, ${users.name} as author_name
        from inserted join ${users} on ${users.id} = inserted.author_id`,
  );
  if (inserted) {
    return {
      created: true,
      message: toChatMessage({
        id: inserted.id,
        seq: Number(inserted.seq),
        workspaceId: inserted.workspace_id,
        authorId: inserted.author_id,
        body: inserted.body,
        clientId: inserted.client_id,
        createdAt: new Date(inserted.created_at),
        authorName: inserted.author_name,
      }),
    };
  }
  const [row] = await db
    .select(messageColumns)
    .from(chatMessages)
    .innerJoin(users, eq(users.id, chatMessages.authorId))
    .where(
      and(
        eq(chatMessages.workspaceId, input.workspaceId),
        eq(chatMessages.authorId, input.authorId),
        eq(chatMessages.clientId, input.clientId),
      ),
    );
  if (!row) throw new Error('chat message vanished after insert');
  return { message: toChatMessage(row), created: false };
}

/** The row `postMessage`'s statement answers, as the driver hands it (int8 and timestamps vary). */
interface InsertedMessageRow {
  id: string;
  seq: number | string | bigint;
  workspace_id: string;
  author_id: string;
  body: string;
  client_id: string;
  created_at: Date | string;
  author_name: string;
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
