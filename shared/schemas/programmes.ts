import { z } from 'zod';
import { SECTORS, type Sector } from '../marketplace.ts';
import { INVITE_AUDIENCES, NON_COMPLETION_REASONS, type InviteAudience } from '../programmes.ts';
import { emailSchema } from './auth.ts';

const isoDate = z.iso.date({ message: 'Use a date like 2026-09-01.' });

export const createProgrammeInput = z
  .strictObject({
    name: z.string().trim().min(1, 'Name the programme.').max(160),
    startsOn: isoDate,
    endsOn: isoDate,
    region: z.string().trim().max(120).default(''),
    /** An hourly rate below which a project's fee is called unfair; overrides HOURLY_FEE_FLOOR. */
    hourlyFeeFloor: z.number().positive().max(1000).nullable().default(null),
  })
  .refine((input) => input.startsOn <= input.endsOn, {
    path: ['endsOn'],
    message: 'The term must end on or after the day it starts.',
  });

export const inviteStaffInput = z.strictObject({ email: emailSchema });

export const createInviteCodeInput = z.strictObject({
  audience: z.enum(INVITE_AUDIENCES),
  cohort: z.string().trim().max(80).default(''),
});

/** Joining with a code: an organisation's supervisor names the organisation that joins. */
export const joinProgrammeInput = z.strictObject({ orgId: z.uuid().optional() });

export const recordNonCompletionInput = z.strictObject({
  workspaceId: z.uuid(),
  reason: z.enum(NON_COMPLETION_REASONS),
  note: z.string().trim().max(1000).default(''),
});

/** Dashboard filters, from the query string: an optional date range (inclusive) and one sector. */
export const figuresFilterInput = z
  .strictObject({
    from: isoDate.optional(),
    to: isoDate.optional(),
    sector: z.enum(SECTORS).optional(),
  })
  .refine((filter) => !filter.from || !filter.to || filter.from <= filter.to, {
    path: ['to'],
    message: 'The end of the range must be on or after its start.',
  });
export type FiguresFilter = z.output<typeof figuresFilterInput>;

const optionalAnswer = z.boolean().nullable().default(null);
export const accessAnswersInput = z.strictObject({
  firstInFamily: optionalAnswer,
  worksWhileStudying: optionalAnswer,
  caringResponsibilities: optionalAnswer,
  disability: optionalAnswer,
  careExperienced: optionalAnswer,
  region: z.string().trim().max(120).nullable().default(null),
});
export type AccessAnswers = z.output<typeof accessAnswersInput>;

export interface Programme {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  region: string;
  hourlyFeeFloor: number | null;
  createdAt: string;
}

export interface ProgrammeStaffMember {
  id: string;
  name: string;
  email: string;
  addedAt: string;
}

export interface InviteCode {
  id: string;
  code: string;
  audience: InviteAudience;
  cohort: string;
  /** The page a person opens to join with this code. */
  link: string;
  createdAt: string;
}

/** One chart's numbers: the same rows feed the chart, the table beside it and its CSV. */
export interface FigureTable {
  id: string;
  title: string;
  columns: { key: string; label: string }[];
  rows: Record<string, string | number | null>[];
}

export interface ProgrammeFigures {
  programmeId: string;
  filter: { from: string | null; to: string | null; sector: Sector | null };
  tables: FigureTable[];
}
