import { index, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { bytea } from '../columns.ts';
import { users } from './accounts.ts';
import { workspaces } from './workspaces.ts';

/**
 * Comments on the brief: a thread's first comment holds the anchor (two encoded Yjs relative
 * positions) and the quoted text; replies point at it with `thread_id`.
 */
export const briefComments = pgTable(
  'brief_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Null for the comment that starts a thread; the thread's id for a reply. */
    threadId: uuid('thread_id').references((): AnyPgColumn => briefComments.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    anchorStart: bytea('anchor_start'),
    anchorEnd: bytea('anchor_end'),
    quote: text('quote'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, precision: 3 }),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true, precision: 3 }),
  },
  (table) => [
    index('brief_comments_workspace_idx').on(table.workspaceId, table.createdAt),
    index('brief_comments_thread_idx').on(table.threadId),
    // Workspace search; the expression must match services/workspace/search.ts exactly.
    index('brief_comments_search_idx').using('gin', sql`to_tsvector('english', ${table.body})`),
  ],
);
