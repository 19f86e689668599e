import { bigserial, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { PROJECT_MODERATION_STATES, REPORT_STATUSES, REPORT_TARGETS } from '../../../shared/moderation.ts';
import { users } from './accounts.ts';
import { projects } from './marketplace.ts';
import { programmes } from './programmes.ts';

export const projectModerationState = pgEnum('project_moderation_state', PROJECT_MODERATION_STATES);
export const reportTarget = pgEnum('report_target', REPORT_TARGETS);
export const reportStatus = pgEnum('report_status', REPORT_STATUSES);

/**
 * A project programme staff paused or hid: neither is listed in the marketplace or matched, and
 * neither takes applications; a hidden one is not shown to students at all. No row: visible.
 */
export const projectModeration = pgTable('project_moderation', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'cascade' }),
  state: projectModerationState('state').notNull(),
  reason: text('reason').notNull(),
  decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
  decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/**
 * A report a student or supervisor filed about a project, organisation, message or person. It goes
 * to the staff of the programme the target belongs to (`programmeId`), or to the instance admin when
 * the target is in no programme (null).
 */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').references(() => programmes.id, { onDelete: 'cascade' }),
    reporterId: uuid('reporter_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    targetType: reportTarget('target_type').notNull(),
    targetId: uuid('target_id').notNull(),
    /** What the reporter could see of the target when reporting (a title, a name, a message). */
    targetLabel: text('target_label').notNull(),
    reason: text('reason').notNull(),
    status: reportStatus('status').notNull().default('open'),
    /** What staff told the reporter when they closed it. */
    outcome: text('outcome').notNull().default(''),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [index('reports_queue_idx').on(table.programmeId, table.status, table.createdAt)],
);

/**
 * Every staff action (who, what, when, why). Append-only: a trigger in the migration refuses
 * UPDATE and DELETE, and no route changes a row. It has no foreign keys on purpose: deleting an
 * account or a project must not rewrite (or be blocked by) the record of what was done; the actor's
 * and target's names are copied in at the time of the action.
 */
export const moderationAudit = pgTable(
  'moderation_audit',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The order actions were written in (several in one transaction share `at`). */
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    /** The programme the action was taken in; null for instance-wide actions of the admin. */
    programmeId: uuid('programme_id'),
    actorId: uuid('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: uuid('target_id').notNull(),
    targetLabel: text('target_label').notNull(),
    reason: text('reason').notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [index('moderation_audit_programme_idx').on(table.programmeId, table.seq)],
);
