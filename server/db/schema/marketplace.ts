import { sql } from 'drizzle-orm';
import {
  date,
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
import {
  APPLICATION_STATUSES,
  ORG_SIZES,
  PROJECT_STATUSES,
  REMOTE_PREFERENCES,
  SCHEDULE_FLEXIBILITY,
  SECTORS,
  WORK_MODES,
  type Sector,
  type SkillLevel,
  type TimeSlot,
} from '../../../shared/marketplace.ts';
import { tsvector } from '../columns.ts';
import { users } from './accounts.ts';

export const sector = pgEnum('sector', SECTORS);
export const orgSize = pgEnum('org_size', ORG_SIZES);
export const workMode = pgEnum('work_mode', WORK_MODES);
export const scheduleFlexibility = pgEnum('schedule_flexibility', SCHEDULE_FLEXIBILITY);
export const remotePreference = pgEnum('remote_preference', REMOTE_PREFERENCES);
export const projectStatus = pgEnum('project_status', PROJECT_STATUSES);
export const applicationStatus = pgEnum('application_status', APPLICATION_STATUSES);

export type SkillRequirement = { skillId: string; level: SkillLevel };
export type Milestone = { title: string; week: number | null; hours: number | null };

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  sector: sector('sector').notNull(),
  size: orgSize('size').notNull(),
  location: text('location').notNull().default(''),
  workMode: workMode('work_mode').notNull(),
  description: text('description').notNull().default(''),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/** The supervisors of an organisation: all of them edit its projects and see its applicants. */
export const orgSupervisors = pgTable(
  'org_supervisors',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedAt: timestamp('added_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.orgId, table.userId] }),
    index('org_supervisors_user_idx').on(table.userId),
  ],
);

/** A colleague invited by email before they have an account; claimed at signup. */
export const orgInvitations = pgTable(
  'org_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('org_invitations_email_key').on(table.orgId, table.email)],
);

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    goals: jsonb('goals').$type<string[]>().notNull().default([]),
    deliverables: jsonb('deliverables').$type<string[]>().notNull().default([]),
    milestones: jsonb('milestones').$type<Milestone[]>().notNull().default([]),
    skills: jsonb('skills').$type<SkillRequirement[]>().notNull().default([]),
    questions: jsonb('questions').$type<string[]>().notNull().default([]),
    durationWeeks: integer('duration_weeks').notNull(),
    hoursPerWeek: integer('hours_per_week').notNull(),
    flexibility: scheduleFlexibility('flexibility').notNull().default('flexible'),
    workTimes: jsonb('work_times').$type<TimeSlot[]>().notNull().default([]),
    workMode: workMode('work_mode').notNull(),
    location: text('location').notNull().default(''),
    /** Days a week on site, for hybrid work; null means the matcher's assumption (2). */
    onsiteDays: integer('onsite_days'),
    /** The whole fee for the project, in whole units of `currency`. */
    fee: integer('fee'),
    currency: text('currency').notNull().default('GBP'),
    seats: integer('seats').notNull().default(1),
    startDate: date('start_date'),
    applicationDeadline: date('application_deadline'),
    templateId: text('template_id'),
    status: projectStatus('status').notNull().default('draft'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true, precision: 3 }),
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(summary, '')), 'B') || setweight(to_tsvector('english', coalesce(deliverables::text, '')), 'C')`,
      ),
  },
  (table) => [
    index('projects_search_idx').using('gin', table.search),
    index('projects_skills_idx').using('gin', sql`${table.skills} jsonb_path_ops`),
    index('projects_status_published_idx').on(table.status, table.publishedAt),
    index('projects_org_idx').on(table.orgId),
  ],
);

export const studentProfiles = pgTable('student_profiles', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  headline: text('headline').notNull().default(''),
  skills: jsonb('skills').$type<SkillRequirement[]>().notNull().default([]),
  stretchSkills: jsonb('stretch_skills').$type<string[]>().notNull().default([]),
  interests: text('interests').notNull().default(''),
  goals: text('goals').notNull().default(''),
  sectorsOfInterest: jsonb('sectors_of_interest').$type<Sector[]>().notNull().default([]),
  hoursPerWeek: integer('hours_per_week'),
  availableFrom: date('available_from'),
  availableWeeks: integer('available_weeks'),
  availability: jsonb('availability').$type<TimeSlot[]>().notNull().default([]),
  remote: remotePreference('remote').notNull().default('any'),
  location: text('location').notNull().default(''),
  /** How far the student can travel to work, in km or in minutes; both null: the default reach. */
  travelKm: integer('travel_km'),
  travelMinutes: integer('travel_minutes'),
  links: jsonb('links').$type<{ label: string; url: string }[]>().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    studentId: uuid('student_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    note: text('note').notNull(),
    answers: jsonb('answers').$type<string[]>().notNull().default([]),
    status: applicationStatus('status').notNull().default('submitted'),
    /** The supervisor's optional message when declining. */
    decisionMessage: text('decision_message'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    workspaceId: uuid('workspace_id'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('applications_project_student_key').on(table.projectId, table.studentId),
    index('applications_student_idx').on(table.studentId),
  ],
);

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    link: text('link').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true, precision: 3 }),
  },
  (table) => [index('notifications_user_idx').on(table.userId, table.createdAt)],
);
