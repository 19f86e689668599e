import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { briefComments } from './comments.ts';
import { workspaces } from './workspaces.ts';

/**
 * Files attached to a board card or to a comment. Card ids live in the Yjs board, so `card_id`
 * is not a foreign key: the link is kept here (not in the document) so the server alone decides who
 * may attach, and a file attached to a card that is later deleted is still listed. The bytes are
 * in the same content-addressed store as deliverables (`sha256`).
 */
export const workspaceAttachments = pgTable(
  'workspace_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    cardId: text('card_id'),
    commentId: uuid('comment_id').references(() => briefComments.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    index('workspace_attachments_workspace_idx').on(table.workspaceId, table.createdAt),
    index('workspace_attachments_card_idx').on(table.workspaceId, table.cardId),
    index('workspace_attachments_comment_idx').on(table.commentId),
    index('workspace_attachments_sha256_idx').on(table.sha256),
    check('workspace_attachments_one_target', sql`(${table.cardId} is null) <> (${table.commentId} is null)`),
  ],
);
