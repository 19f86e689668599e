import {
  boolean,
  date,
  doublePrecision,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { INVITE_AUDIENCES, NON_COMPLETION_REASONS } from '../../../shared/programmes.ts';
import { users } from './accounts.ts';
import { organisations, projects } from './marketplace.ts';
import { workspaces } from './workspaces.ts';

export const inviteAudience = pgEnum('invite_audience', INVITE_AUDIENCES);
export const nonCompletionReason = pgEnum('non_completion_reason', NON_COMPLETION_REASONS);

/** A micro-internship programme run by a career centre, council or funder over a term. */
export const programmes = pgTable('programmes', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
  region: text('region').notNull().default(''),
  /** Overrides HOURLY_FEE_FLOOR for this programme's projects when set. */
  hourlyFeeFloor: doublePrecision('hourly_fee_floor'),
  /** Reminder thresholds in days for this programme's work; a missing key keeps the default. */
  reminderDays: jsonb('reminder_days').$type<Partial<Record<string, number>>>(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/** Programme staff: they see the programme's figures and moderate inside it. */
export const programmeStaff = pgTable(
  'programme_staff',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    addedAt: timestamp('added_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.programmeId, table.userId] }),
    index('programme_staff_user_idx').on(table.userId),
  ],
);

/** Staff invited by an email with no account yet; claimed when that person signs in. */
export const programmeStaffInvitations = pgTable(
  'programme_staff_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('programme_staff_invitations_key').on(table.programmeId, table.email),
    index('programme_staff_invitations_email_idx').on(table.email),
  ],
);

/** A code (and the link carrying it) that organisations or students use to join a programme's cohort. */
export const programmeInviteCodes = pgTable(
  'programme_invite_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    code: text('code').notNull().unique(),
    audience: inviteAudience('audience').notNull(),
    cohort: text('cohort').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
  },
  (table) => [index('programme_invite_codes_programme_idx').on(table.programmeId)],
);

/** An organisation belongs to at most one programme (the primary key), in one cohort. */
export const programmeOrganisations = pgTable(
  'programme_organisations',
  {
    orgId: uuid('org_id')
      .primaryKey()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    cohort: text('cohort').notNull().default(''),
    joinedAt: timestamp('joined_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** Organisations are "unverified" (a badge students see) until programme staff verify them. */
    verifiedAt: timestamp('verified_at', { withTimezone: true, precision: 3 }),
    verifiedBy: uuid('verified_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (table) => [index('programme_organisations_programme_idx').on(table.programmeId)],
);

/** Students who joined a programme with a code, in one cohort. */
export const programmeStudents = pgTable(
  'programme_students',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    cohort: text('cohort').notNull().default(''),
    joinedAt: timestamp('joined_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.programmeId, table.userId] }),
    index('programme_students_user_idx').on(table.userId),
  ],
);

/** A project belongs to at most one programme: the primary key says so. */
export const programmeProjects = pgTable(
  'programme_projects',
  {
    projectId: uuid('project_id')
      .primaryKey()
      .references(() => projects.id, { onDelete: 'cascade' }),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
  },
  (table) => [index('programme_projects_programme_idx').on(table.programmeId)],
);

/** A workspace belongs to at most one programme. */
export const programmeWorkspaces = pgTable(
  'programme_workspaces',
  {
    workspaceId: uuid('workspace_id')
      .primaryKey()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
  },
  (table) => [index('programme_workspaces_programme_idx').on(table.programmeId)],
);

/** Why a placement ended without completing, recorded by programme staff for the figures. */
export const workspaceNonCompletions = pgTable('workspace_non_completions', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  reason: nonCompletionReason('reason').notNull(),
  note: text('note').notNull().default(''),
  recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
  recordedAt: timestamp('recorded_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/**
 * A student's self-declared access answers: optional, never shown to organisations, never read by
 * the matcher, deleted with one request. `null` is "not answered".
 */
export const studentAccessAnswers = pgTable('student_access_answers', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  firstInFamily: boolean('first_in_family'),
  worksWhileStudying: boolean('works_while_studying'),
  caringResponsibilities: boolean('caring_responsibilities'),
  disability: boolean('disability'),
  careExperienced: boolean('care_experienced'),
  region: text('region'),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});
