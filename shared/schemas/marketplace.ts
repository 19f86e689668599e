import { z } from 'zod';
import { storable, text } from './text.ts';
import {
  MAX_WEEKS,
  MIN_WEEKS,
  ORG_SIZES,
  REMOTE_PREFERENCES,
  SCHEDULE_FLEXIBILITY,
  SECTORS,
  TIME_SLOTS,
  WORK_MODES,
} from '../marketplace.ts';

const line = (max: number) => text().trim().min(1).max(max);
const isoDate = z.iso.date({ message: 'Use a date like 2026-09-01.' });

const orgFields = {
  name: line(120),
  sector: z.enum(SECTORS),
  size: z.enum(ORG_SIZES),
  location: text().trim().max(120),
  workMode: z.enum(WORK_MODES),
  description: text().trim().max(2000),
};

/** The documented minimal call is `{name, sector}`: most partners are small and mix remote and on-site. */
export const createOrgInput = z.strictObject({
  ...orgFields,
  size: orgFields.size.default('1-9'),
  location: orgFields.location.default(''),
  workMode: orgFields.workMode.default('hybrid'),
  description: orgFields.description.default(''),
});
/** Without defaults: zod v4 applies a default inside `.partial()`, which would reset unsent fields. */
export const updateOrgInput = z.strictObject(orgFields).partial();

export const inviteSupervisorInput = z.strictObject({
  email: text()
    .trim()
    .pipe(z.email())
    .transform((email) => email.toLowerCase()),
});

/** A skill name: any words, checked for length and for control characters. */
const skillName = line(80).regex(/^[^\p{Cc}\p{Cf}]+$/u, 'Use letters, numbers and punctuation only.');

/**
 * `skill` is a taxonomy id or any of its labels or aliases; the server resolves it. Any other name
 * is kept as written, as a free-text skill.
 */
export const skillInput = z.strictObject({
  skill: skillName,
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
});

export const milestoneInput = z.strictObject({
  title: line(200),
  week: z.number().int().min(1).max(MAX_WEEKS).nullable().default(null),
  /** Estimated hours of work; the scoping check adds these up. */
  hours: z.number().int().min(1).max(400).nullable().default(null),
});

/**
 * `remote` follows the external contract's field name; it takes a work mode, or a boolean
 * (true = remote, false = on-site) for simple clients.
 */
const workModeField = z
  .union([z.enum(WORK_MODES), z.boolean()])
  .transform((value) => (value === true ? 'remote' : value === false ? 'onsite' : value));

/** Every project field as sent; the defaults of a new project are added below, for creating only. */
const projectShape = {
  title: line(160),
  summary: text().trim().min(1).max(5000),
  goals: z.array(line(300)).max(20),
  deliverables: z.array(line(300)).max(20),
  milestones: z.array(milestoneInput).max(20),
  skills: z.array(skillInput).max(20),
  questions: z.array(line(300)).max(5),
  /** Checked here only for sanity; 2–8 weeks is a scoping rule, so drafts outside it get a warning. */
  durationWeeks: z.number().int().min(1).max(52),
  hoursPerWeek: z.number().int().min(1).max(40),
  flexibility: z.enum(SCHEDULE_FLEXIBILITY),
  workTimes: z.array(z.enum(TIME_SLOTS)).max(3),
  remote: workModeField,
  location: text().trim().max(120),
  /** Days a week on site for hybrid work (1–5); null: not said, the matcher assumes 2. */
  onsiteDays: z.number().int().min(1).max(5).nullable(),
  fee: z.number().int().min(0).max(100_000).nullable(),
  currency: text().regex(/^[A-Z]{3}$/),
  seats: z.number().int().min(1).max(20),
  startDate: isoDate.nullable(),
  applicationDeadline: isoDate.nullable(),
  templateId: text().max(60).nullable(),
};

const projectFields = {
  ...projectShape,
  goals: projectShape.goals.default([]),
  deliverables: projectShape.deliverables.default([]),
  milestones: projectShape.milestones.default([]),
  skills: projectShape.skills.default([]),
  questions: projectShape.questions.default([]),
  flexibility: projectShape.flexibility.default('flexible'),
  workTimes: projectShape.workTimes.default([]),
  location: projectShape.location.default(''),
  onsiteDays: projectShape.onsiteDays.default(null),
  fee: projectShape.fee.default(null),
  currency: projectShape.currency.default('GBP'),
  seats: projectShape.seats.default(1),
  startDate: projectShape.startDate.default(null),
  applicationDeadline: projectShape.applicationDeadline.default(null),
  templateId: projectShape.templateId.default(null),
};

export const createProjectInput = z.strictObject({ orgId: z.uuid(), ...projectFields });
/** Without defaults, like updateOrgInput: a PATCH changes the fields it sends and nothing else. */
export const updateProjectInput = z.strictObject(projectShape).partial();
/** A draft checked by the scoping assistant before it is saved: everything optional but the basics. */
export const scopeProjectInput = z.strictObject({
  ...projectFields,
  orgId: z.uuid().optional(),
  summary: text().trim().max(5000).default(''),
  title: text().trim().max(160).default(''),
  durationWeeks: z.number().int().min(0).max(52),
  hoursPerWeek: z.number().int().min(0).max(40),
  remote: workModeField.default('remote'),
});

export const projectSearchQuery = z.object({
  q: text().trim().max(200).optional(),
  sector: z.enum(SECTORS).optional(),
  /** Comma-separated skill ids, labels or aliases; a project must need all of them. */
  skills: text().max(400).optional(),
  maxHours: z.coerce.number().int().min(1).max(40).optional(),
  minWeeks: z.coerce.number().int().min(1).max(52).optional(),
  maxWeeks: z.coerce.number().int().min(1).max(52).optional(),
  remote: z.enum(WORK_MODES).optional(),
  minFee: z.coerce.number().int().min(0).optional(),
  cursor: text().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const studentProfileInput = z.strictObject({
  headline: text().trim().max(160).default(''),
  skills: z.array(skillInput).max(40).default([]),
  /** Skills the student wants to grow into (ids, labels or aliases). */
  stretchSkills: z.array(skillName).max(5).default([]),
  interests: text().trim().max(2000).default(''),
  goals: text().trim().max(2000).default(''),
  sectorsOfInterest: z.array(z.enum(SECTORS)).max(SECTORS.length).default([]),
  hoursPerWeek: z.number().int().min(1).max(40).nullable().default(null),
  availableFrom: isoDate.nullable().default(null),
  availableWeeks: z.number().int().min(1).max(52).nullable().default(null),
  availability: z.array(z.enum(TIME_SLOTS)).max(3).default([]),
  /** Like a project's `remote`, a boolean works too: true = remote only, false = on-site is fine. */
  remote: z
    .union([z.enum(REMOTE_PREFERENCES), z.boolean()])
    .transform((value) => (value === true ? 'remote_only' : value === false ? 'onsite_ok' : value))
    .default('any'),
  location: text().trim().max(120).default(''),
  /** How far the student can travel to work, in km or in minutes (km wins); both null: 25 km. */
  travelKm: z.number().int().min(1).max(500).nullable().default(null),
  travelMinutes: z.number().int().min(5).max(240).nullable().default(null),
  links: z
    .array(z.strictObject({ label: line(80), url: storable(z.url({ protocol: /^https?$/ })) }))
    .max(10)
    .default([]),
});

export const applyInput = z.strictObject({
  note: text().trim().min(1, 'Say in a few words why this project suits you.').max(3000),
  answers: z.array(text().trim().max(2000)).max(5).default([]),
});

export const declineInput = z.strictObject({ message: text().trim().max(2000).optional() });

export const matchesQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(20) });

export const inviteToApplyInput = z.strictObject({ studentId: z.uuid() });

export { MIN_WEEKS, MAX_WEEKS };
