import {
  check,
  index,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { TIME_LOG_STATUSES } from '../../../shared/schemas/time-log.ts';
import { users } from './accounts.ts';
import { workspaces } from './workspaces.ts';

/** A workspace whose supervisor turned the time log on (a row while it is on). */
export const workspaceTimeLogs = pgTable('workspace_time_logs', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  enabledBy: uuid('enabled_by').references(() => users.id, { onDelete: 'set null' }),
  enabledAt: timestamp('enabled_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

export const timeLogStatus = pgEnum('time_log_status', TIME_LOG_STATUSES);

/**
 * The hours an intern worked in one ISO week (`2026-W05`) and a line on what was done; a
 * supervisor confirms it or sends it back. One line per intern and week: logging again changes it.
 */
export const timeLogEntries = pgTable(
  'time_log_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    internId: uuid('intern_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    week: text('week').notNull(),
    hours: numeric('hours', { precision: 4, scale: 2, mode: 'number' }).notNull(),
    summary: text('summary').notNull(),
    status: timeLogStatus('status').notNull().default('submitted'),
    reviewNote: text('review_note'),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('time_log_entries_week_idx').on(table.workspaceId, table.internId, table.week),
    index('time_log_entries_confirmed_idx')
      .on(table.workspaceId)
      .where(sql`${table.status} = 'confirmed'`),
    check('time_log_entries_hours_check', sql`${table.hours} >= 0 and ${table.hours} <= 60`),
  ],
);
