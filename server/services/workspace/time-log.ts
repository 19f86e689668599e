import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { timeLogEntries, users, workspaceTimeLogs } from '../../db/schema.ts';
import type { TimeLog, TimeLogEntry, logWeekInput } from '../../../shared/schemas/time-log.ts';
import { isUuid } from '../../../shared/ids.ts';
import { AppError, conflict } from '../../errors.ts';

/**
 * The optional time log: the intern logs hours per ISO week with a line on what was done, a
 * supervisor confirms each week or sends it back. Only confirmed hours count anywhere else (the
 * finish page, the portfolio entry, the programme's figures). Callers have authorized the action.
 */

export const timeLogEntryNotFound = () =>
  new AppError(404, 'time_log_entry_not_found', 'That week is not in a time log you can see.');

const timeLogOff = () =>
  conflict('time_log_off', 'The time log is off for this workspace; a supervisor can turn it on.');

type Row = typeof timeLogEntries.$inferSelect;

const toEntry = (row: Row, internName: string): TimeLogEntry => ({
  id: row.id,
  workspaceId: row.workspaceId,
  intern: { id: row.internId, name: internName },
  week: row.week,
  hours: Number(row.hours),
  summary: row.summary,
  status: row.status,
  reviewNote: row.reviewNote,
  reviewedAt: row.reviewedAt?.toISOString() ?? null,
  updatedAt: row.updatedAt.toISOString(),
});

async function isEnabled(db: Db, workspaceId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: workspaceTimeLogs.workspaceId })
    .from(workspaceTimeLogs)
    .where(eq(workspaceTimeLogs.workspaceId, workspaceId));
  return row !== undefined;
}

/**
 * Confirmed hours of a workspace, summed in SQL. A workspace holds at most one line per intern and
 * week (a placement is 2–8 weeks), so the whole log is one short list: it is answered in one page.
 */
export async function confirmedHours(db: Db, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${timeLogEntries.hours}), 0)` })
    .from(timeLogEntries)
    .where(and(eq(timeLogEntries.workspaceId, workspaceId), eq(timeLogEntries.status, 'confirmed')));
  return Number(row?.total ?? 0);
}

export async function getTimeLog(db: Db, workspaceId: string): Promise<TimeLog> {
  const rows = await db
    .select({ entry: timeLogEntries, name: users.name })
    .from(timeLogEntries)
    .innerJoin(users, eq(users.id, timeLogEntries.internId))
    .where(eq(timeLogEntries.workspaceId, workspaceId))
    .orderBy(desc(timeLogEntries.week), users.name);
  const items = rows.map((row) => toEntry(row.entry, row.name));
  const sum = (list: TimeLogEntry[]) => list.reduce((total, item) => total + item.hours, 0);
  return {
    enabled: await isEnabled(db, workspaceId),
    items,
    next: null,
    confirmedHours: sum(items.filter((item) => item.status === 'confirmed')),
    loggedHours: sum(items),
  };
}

/** Turning it off keeps what was logged (and confirmed hours still count); it only stops new lines. */
export async function setTimeLogEnabled(
  db: Db,
  workspaceId: string,
  userId: string,
  enabled: boolean,
): Promise<TimeLog> {
  if (enabled)
    await db.insert(workspaceTimeLogs).values({ workspaceId, enabledBy: userId }).onConflictDoNothing();
  else await db.delete(workspaceTimeLogs).where(eq(workspaceTimeLogs.workspaceId, workspaceId));
  return getTimeLog(db, workspaceId);
}

/**
 * Logs (or changes) the caller's hours for a week. A confirmed week is settled: changing it is a
 * 409. A week sent back is submitted again, its note kept until the next review.
 */
export async function logWeek(
  db: Db,
  workspaceId: string,
  internId: string,
  week: string,
  input: z.output<typeof logWeekInput>,
): Promise<{ entry: TimeLogEntry; created: boolean }> {
  return db.transaction(async (tx) => {
    if (!(await isEnabled(tx, workspaceId))) throw timeLogOff();
    const [existing] = await tx
      .select()
      .from(timeLogEntries)
      .where(
        and(
          eq(timeLogEntries.workspaceId, workspaceId),
          eq(timeLogEntries.internId, internId),
          eq(timeLogEntries.week, week),
        ),
      )
      .for('update');
    if (existing?.status === 'confirmed')
      throw conflict('time_log_confirmed', 'That week is already confirmed and can no longer be changed.');
    const values = { hours: input.hours, summary: input.summary, status: 'submitted' as const };
    const [row] = existing
      ? await tx
          .update(timeLogEntries)
          .set({ ...values, updatedAt: new Date() })
          .where(eq(timeLogEntries.id, existing.id))
          .returning()
      : await tx
          .insert(timeLogEntries)
          .values({ workspaceId, internId, week, ...values })
          .returning();
    const [intern] = await tx.select({ name: users.name }).from(users).where(eq(users.id, internId));
    return { entry: toEntry(row!, intern!.name), created: !existing };
  });
}

/** The workspace of an entry, for the caller's rights check; null when there is none. */
export async function findTimeLogEntryWorkspace(db: Db, entryId: string): Promise<string | null> {
  if (!isUuid(entryId)) return null;
  const [row] = await db
    .select({ workspaceId: timeLogEntries.workspaceId })
    .from(timeLogEntries)
    .where(eq(timeLogEntries.id, entryId));
  return row?.workspaceId ?? null;
}

/** A supervisor confirms a submitted week, or sends it back with a note; a settled week is a 409. */
export async function reviewWeek(
  db: Db,
  workspaceId: string,
  entryId: string,
  reviewerId: string,
  decision: { outcome: 'confirmed' } | { outcome: 'returned'; note: string },
): Promise<TimeLogEntry> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ entry: timeLogEntries, name: users.name })
      .from(timeLogEntries)
      .innerJoin(users, eq(users.id, timeLogEntries.internId))
      .where(and(eq(timeLogEntries.id, entryId), eq(timeLogEntries.workspaceId, workspaceId)))
      .for('update', { of: timeLogEntries });
    if (!row) throw timeLogEntryNotFound();
    if (row.entry.status !== 'submitted')
      throw conflict('time_log_not_submitted', 'That week is not waiting for a review.');
    const [updated] = await tx
      .update(timeLogEntries)
      .set({
        status: decision.outcome,
        reviewNote: decision.outcome === 'returned' ? decision.note : null,
        reviewedBy: reviewerId,
        reviewedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(timeLogEntries.id, entryId))
      .returning();
    return toEntry(updated!, row.name);
  });
}
