import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  ENTRY_VISIBILITIES,
  MILESTONE_REVIEW_KINDS,
  MILESTONE_STATUSES,
} from '../../../shared/schemas/portfolio.ts';
import { users } from './accounts.ts';
import type { SkillRequirement } from './marketplace.ts';
import { workspaces } from './workspaces.ts';

export const milestoneStatus = pgEnum('milestone_status', MILESTONE_STATUSES);
export const milestoneReviewKind = pgEnum('milestone_review_kind', MILESTONE_REVIEW_KINDS);
export const deliverableKind = pgEnum('deliverable_kind', ['file', 'link']);
export const entryVisibility = pgEnum('entry_visibility', ENTRY_VISIBILITIES);
export const feedbackSide = pgEnum('feedback_side', ['intern', 'supervisor']);

/** The milestones of one workspace, copied from its project when it opens, reviewed one by one. */
export const workspaceMilestones = pgTable(
  'workspace_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    week: integer('week'),
    status: milestoneStatus('status').notNull().default('open'),
    /** The supervisor's last request for changes. */
    comment: text('comment'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, precision: 3 }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('workspace_milestones_position_key').on(table.workspaceId, table.position)],
);

/**
 * A milestone's review history, one row per step (submitted, changes requested with the comment,
 * accepted, dropped with the reason), appended in the transaction that makes the step.
 */
export const milestoneReviews = pgTable(
  'milestone_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    milestoneId: uuid('milestone_id')
      .notNull()
      .references(() => workspaceMilestones.id, { onDelete: 'cascade' }),
    kind: milestoneReviewKind('kind').notNull(),
    comment: text('comment'),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [index('milestone_reviews_milestone_idx').on(table.milestoneId, table.createdAt)],
);

/**
 * Files and links handed in. A file's bytes live on disk under DATA_DIR/deliverables/<sha256>;
 * two rows may share one file, which is removed when the last row naming it goes.
 */
export const deliverables = pgTable(
  'deliverables',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    milestoneId: uuid('milestone_id')
      .notNull()
      .references(() => workspaceMilestones.id, { onDelete: 'cascade' }),
    kind: deliverableKind('kind').notNull(),
    title: text('title').notNull(),
    url: text('url'),
    fileName: text('file_name'),
    mimeType: text('mime_type'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    sha256: text('sha256'),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    index('deliverables_workspace_idx').on(table.workspaceId, table.createdAt),
    index('deliverables_sha256_idx').on(table.sha256),
  ],
);

/** What the supervisor signed off when the workspace completed: the student cannot change it. */
export const workspaceCompletions = pgTable('workspace_completions', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  endorsement: text('endorsement').notNull(),
  skills: jsonb('skills').$type<SkillRequirement[]>().notNull(),
  startDate: date('start_date').notNull(),
  endDate: date('end_date').notNull(),
  completedBy: uuid('completed_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/** One rating and comment per person per completed workspace; kept for programme figures. */
export const workspaceFeedback = pgTable(
  'workspace_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    side: feedbackSide('side').notNull(),
    rating: integer('rating').notNull(),
    comment: text('comment').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('workspace_feedback_author_key').on(table.workspaceId, table.authorId)],
);

/** A student's public name in portfolio URLs (`/p/<handle>`). */
export const portfolioHandles = pgTable('portfolio_handles', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  handle: text('handle').notNull().unique(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/**
 * A finished workspace as the student presents it. Title, organisation, dates and completed tasks
 * are copied at completion (the workspace is frozen then); the endorsement and skills are read from
 * workspace_completions, so the student never holds a copy they could change.
 */
export const portfolioEntries = pgTable(
  'portfolio_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    studentId: uuid('student_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    organisation: text('organisation').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    summary: text('summary').notNull().default(''),
    visibility: entryVisibility('visibility').notNull().default('private'),
    /** Unguessable; anyone holding it reads an unlisted or public entry. Rotated when made private. */
    shareToken: text('share_token').notNull().unique(),
    deliverableIds: jsonb('deliverable_ids').$type<string[]>().notNull().default([]),
    /** The board's done cards at completion, to choose from (`id` is the board task's id). */
    completedTasks: jsonb('completed_tasks').$type<{ id?: string; title: string }[]>().notNull().default([]),
    /** The cards the student chose to show, in their order; none until they pick. */
    taskIds: jsonb('task_ids').$type<string[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('portfolio_entries_workspace_student_key').on(table.workspaceId, table.studentId),
    index('portfolio_entries_student_idx').on(table.studentId, table.endDate),
  ],
);

/** Open Badges 3.0 credentials this instance signed, so it can answer "revoked" later. */
export const issuedCredentials = pgTable(
  'issued_credentials',
  {
    id: uuid('id').primaryKey(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => portfolioEntries.id, { onDelete: 'cascade' }),
    /** sha256 of the claims (without id, dates and proof), to tell a corrected credential from its predecessor. */
    fingerprint: text('fingerprint').notNull(),
    json: jsonb('json').$type<Record<string, unknown>>().notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
    revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'set null' }),
    /** Its bit in the revocation status list: list number and index (see credentials/status-list.ts). */
    statusList: integer('status_list'),
    statusListIndex: integer('status_list_index'),
  },
  (table) => [
    index('issued_credentials_entry_idx').on(table.entryId, table.issuedAt),
    uniqueIndex('issued_credentials_status_key').on(table.statusList, table.statusListIndex),
  ],
);

/**
 * Why a supervisor re-opened a completed workspace (the only way to issue a corrected credential),
 * with the completion it undid, so the record of what was once signed is kept.
 */
export const completionReopenings = pgTable(
  'completion_reopenings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    reopenedBy: uuid('reopened_by').references(() => users.id, { onDelete: 'set null' }),
    previous: jsonb('previous').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [index('completion_reopenings_workspace_idx').on(table.workspaceId, table.createdAt)],
);
