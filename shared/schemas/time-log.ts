import { z } from 'zod';
import { text } from './text.ts';

/** The optional time log of a workspace: hours per ISO week, confirmed by a supervisor. */

/** `returned`: the supervisor sent it back with a note; the intern changes it and it is submitted again. */
export const TIME_LOG_STATUSES = ['submitted', 'confirmed', 'returned'] as const;
export type TimeLogStatus = (typeof TIME_LOG_STATUSES)[number];

export const TIME_LOG_MAX_HOURS = 60;

/** `2026-W05`: an ISO 8601 week (weeks 53 exist only in long years, checked by `isIsoWeek`). */
const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

/** True for a week that exists: W01–W52, or W53 in a year whose 28 December falls in week 53. */
export function isIsoWeek(value: string): boolean {
  const match = ISO_WEEK.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > 53 || year < 2000 || year > 2100) return false;
  if (week < 53) return true;
  // A year has 53 ISO weeks when 1 January or (leap years) 31 December is a Thursday.
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const dec31 = new Date(Date.UTC(year, 11, 31)).getUTCDay();
  return jan1 === 4 || dec31 === 4;
}

export const isoWeek = z.string().refine(isIsoWeek, { message: 'Give the week as 2026-W05 (ISO week).' });

export const timeLogWeekParams = z.strictObject({ id: z.string(), week: isoWeek });

export const logWeekInput = z.strictObject({
  hours: z
    .number()
    .min(0, 'Hours cannot be negative.')
    .max(TIME_LOG_MAX_HOURS, `At most ${TIME_LOG_MAX_HOURS} hours a week.`)
    .multipleOf(0.25, 'Give hours in quarters of an hour.'),
  summary: text().trim().min(1, 'Say in one line what you did.').max(300),
});

export const timeLogSettingsInput = z.strictObject({ enabled: z.boolean() });

export const returnWeekInput = z.strictObject({
  note: text().trim().min(1, 'Say what should change.').max(1000),
});

export interface TimeLogEntry {
  id: string;
  workspaceId: string;
  intern: { id: string; name: string };
  week: string;
  hours: number;
  summary: string;
  status: TimeLogStatus;
  reviewNote: string | null;
  reviewedAt: string | null;
  updatedAt: string;
}

export interface TimeLog {
  enabled: boolean;
  /** Newest week first. */
  items: TimeLogEntry[];
  next: null;
  confirmedHours: number;
  loggedHours: number;
}
