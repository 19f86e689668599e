import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { GroupCommit } from '../../db/group-commit.ts';
import { chatMessages, users } from '../../db/schema.ts';
import type { ChatMessage } from '../../../shared/schemas/chat.ts';
import { queryRows } from '../../db/sql-rows.ts';

/** Messages per INSERT (four parameters a message, far below PostgreSQL's 65,535). */
const MESSAGES_PER_STATEMENT = 1000;

export interface NewChatMessage {
  workspaceId: string;
  authorId: string;
  body: string;
  clientId: string;
}

export interface PostedChatMessage {
  message: ChatMessage;
  /** false when a message with this clientId from this author was already stored (a resend). */
  created: boolean;
}

interface Pending {
  input: NewChatMessage;
  resolve: (posted: PostedChatMessage) => void;
  reject: (error: unknown) => void;
}

/** A stored message's row as the statement answers it (int8 and timestamps vary by driver). */
interface MessageRow {
  id: string;
  seq: number | string | bigint;
  workspace_id: string;
  author_id: string;
  body: string;
  client_id: string;
  created_at: Date | string;
  author_name: string;
}

const keyOf = (m: { workspaceId: string; authorId: string; clientId: string }) =>
  `${m.workspaceId}\n${m.authorId}\n${m.clientId}`;
const rowKey = (row: MessageRow) => `${row.workspace_id}\n${row.author_id}\n${row.client_id}`;

function toChatMessage(row: MessageRow): ChatMessage {
  return {
    id: row.id,
    seq: Number(row.seq),
    workspaceId: row.workspace_id,
    author: { id: row.author_id, name: row.author_name },
    body: row.body,
    clientId: row.client_id,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/**
 * Group commit for chat messages, every workspace's at once. One write is in flight at a time; the
 * messages sent meanwhile, by anyone in any workspace, go into the next single INSERT, and each
 * sender's promise resolves once its row is committed (never before), so a message is broadcast
 * only once it is stored. At 200 people chatting this is a handful of statements a second instead
 * of one transaction per message, which is what the database and the event loop spent their time on.
 *
 * The idempotent clientId holds as with one statement per message: `on conflict do nothing` skips
 * a resend (or a second copy in the same batch), which is then answered with the stored message and
 * `created: false`. A batch that fails (a workspace deleted a moment ago breaks its foreign key) is
 * written again one message at a time, so one message's trouble never refuses the others.
 */
export class ChatLogWriter {
  private readonly queue = new GroupCommit<Pending>(MESSAGES_PER_STATEMENT, (batch) =>
    this.writeBatch(batch),
  );

  constructor(private readonly db: Db) {}

  post(input: NewChatMessage): Promise<PostedChatMessage> {
    return new Promise((resolve, reject) => this.queue.add({ input, resolve, reject }));
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    try {
      await this.store(batch);
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else await this.storeApart(batch);
    }
  }

  private async storeApart(batch: Pending[]): Promise<void> {
    for (const one of batch) {
      try {
        await this.store([one]);
      } catch (error) {
        one.reject(error);
      }
    }
  }

  /** Inserts the batch; resolves each message that was stored, then answers the resends. */
  private async store(batch: Pending[]): Promise<void> {
    const inserted = await queryRows<MessageRow>(
      this.db,
      sql`with inserted as (
            insert into ${chatMessages} (workspace_id, author_id, body, client_id)
            values ${sql.join(
              batch.map(
                ({ input }) =>
                  sql`(${input.workspaceId}, ${input.authorId}, ${input.body}, ${input.clientId})`,
              ),
              sql`, `,
            )}
            on conflict do nothing
            returning id, seq, workspace_id, author_id, body, client_id, created_at
          )
          select inserted.*, ${users.name} as author_name
          from inserted join ${users} on ${users.id} = inserted.author_id`,
    );
    const stored = new Map(inserted.map((row) => [rowKey(row), row]));
    const resent: Pending[] = [];
    for (const pending of batch) {
      const key = keyOf(pending.input);
      const row = stored.get(key);
      // Two copies in one batch: the first is the one stored, the second a resend of it.
      if (row) {
        stored.delete(key);
        pending.resolve({ message: toChatMessage(row), created: true });
      } else resent.push(pending);
    }
    if (resent.length > 0) await this.answerResends(resent);
  }

  private async answerResends(resent: Pending[]): Promise<void> {
    const rows = await queryRows<MessageRow>(
      this.db,
      sql`select m.id, m.seq, m.workspace_id, m.author_id, m.body, m.client_id, m.created_at,
                 ${users.name} as author_name
          from ${chatMessages} m join ${users} on ${users.id} = m.author_id
          where (m.workspace_id, m.author_id, m.client_id) in (${sql.join(
            resent.map(
              ({ input }) => sql`(${input.workspaceId}::uuid, ${input.authorId}::uuid, ${input.clientId})`,
            ),
            sql`, `,
          )})`,
    );
    const stored = new Map(rows.map((row) => [rowKey(row), row]));
    for (const pending of resent) {
      const row = stored.get(keyOf(pending.input));
      if (row) pending.resolve({ message: toChatMessage(row), created: false });
      else pending.reject(new Error('chat message vanished after insert'));
    }
  }
}
