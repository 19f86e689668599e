import {
  bigserial,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  bigint,
  boolean,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { WORKSPACE_ROLES } from '../../../shared/workspace-roles.ts';
import { bytea } from '../columns.ts';
import { users } from './accounts.ts';

export const workspaceRole = pgEnum('workspace_role', WORKSPACE_ROLES);
export const workspaceStatus = pgEnum('workspace_status', ['active', 'completed']);

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  status: workspaceStatus('status').notNull().default('active'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  completedAt: timestamp('completed_at', { withTimezone: true, precision: 3 }),
  /** The project this workspace was opened for, when it came through the marketplace. */
  projectId: uuid('project_id'),
});

export const workspaceMembers = pgTable(
  'workspace_members',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: workspaceRole('role').notNull(),
    /** The last chat message this member has read; unread = later messages by others. */
    lastReadSeq: bigint('last_read_seq', { mode: 'number' }).notNull().default(0),
    addedAt: timestamp('added_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.userId] }),
    index('workspace_members_user_idx').on(table.userId),
  ],
);

/** An invitation to an email with no account yet; it turns into a membership at signup. */
export const workspaceInvitations = pgTable(
  'workspace_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: workspaceRole('role').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('workspace_invitations_email_key').on(table.workspaceId, table.email),
    index('workspace_invitations_email_idx').on(table.email),
  ],
);

/**
 * The Yjs update log: every update a client sends is appended here before it is relayed. Loading a
 * document is its snapshot plus every row still here; the compactor folds rows into the snapshot.
 */
export const documentUpdates = pgTable(
  'document_updates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    update: bytea('update').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [index('document_updates_workspace_idx').on(table.workspaceId, table.id)],
);

export const documentSnapshots = pgTable('document_snapshots', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  state: bytea('state').notNull(),
  /** How many log rows have been folded in over the document's life (for figures only). */
  foldedUpdates: integer('folded_updates').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/** Named versions of the brief: a full document state with a label. */
export const briefVersions = pgTable(
  'brief_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    state: bytea('state').notNull(),
    automatic: boolean('automatic').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [index('brief_versions_workspace_idx').on(table.workspaceId, table.createdAt)],
);

export const chatMessages = pgTable(
  'chat_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    clientId: text('client_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    // A resend with the same clientId from the same author lands on this and is not stored twice.
    uniqueIndex('chat_messages_client_key').on(table.workspaceId, table.authorId, table.clientId),
    index('chat_messages_workspace_seq_idx').on(table.workspaceId, table.seq),
    // Workspace search; the expression must match services/workspace/search.ts exactly.
    index('chat_messages_search_idx').using('gin', sql`to_tsvector('english', ${table.body})`),
  ],
);
