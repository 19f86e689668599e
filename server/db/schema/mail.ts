import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { EMAIL_MODES } from '../../../shared/email-kinds.ts';
import { users } from './accounts.ts';

export const outboxStatus = pgEnum('outbox_status', ['pending', 'sent', 'failed']);
export const emailMode = pgEnum('email_mode', EMAIL_MODES);

/**
 * The durable outbox: a row is written in the same transaction as the change that causes the email,
 * and a sender sends it after commit. A crash or an SMTP outage loses nothing; `locked_until` is a
 * lease, so a process that dies mid-send gives the row back once the lease runs out.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    toName: text('to_name').notNull().default(''),
    /** The recipient's account, when they have one (deleting the account deletes their mail). */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** What the template needs; rendered at send time. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    status: outboxStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true, precision: 3 }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 }),
  },
  (table) => [index('email_outbox_due_idx').on(table.status, table.nextAttemptAt)],
);

/** A person's choice per activity email kind; no row means instant. */
export const emailPreferences = pgTable(
  'email_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    mode: emailMode('mode').notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.kind] })],
);

/** Activity held back for someone's daily digest; `digested_at` is set when a digest takes it. */
export const emailDigestItems = pgTable(
  'email_digest_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    link: text('link').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    digestedAt: timestamp('digested_at', { withTimezone: true, precision: 3 }),
  },
  (table) => [index('email_digest_items_user_idx').on(table.userId, table.digestedAt)],
);

/**
 * One row per reminder ever sent: the unique (kind, subject) makes "one sender per reminder" hold
 * across any number of processes, because only one insert can win.
 */
export const remindersSent = pgTable(
  'reminders_sent',
  {
    kind: text('kind').notNull(),
    subjectId: text('subject_id').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('reminders_sent_key').on(table.kind, table.subjectId)],
);
