import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { beforeCursor, readCursor, toPageAt, type Page } from '../../db/pagination.ts';
import type { PageQuery } from '../../../shared/schemas/pagination.ts';
import {
  deliverables,
  issuedCredentials,
  portfolioEntries,
  portfolioHandles,
  projects,
  studentProfiles,
  timeLogEntries,
  users,
  workspaceCompletions,
  workspaceMilestones,
  workspaces,
} from '../../db/schema.ts';
import {
  HANDLE_PATTERN,
  type PortfolioEntry,
  type PublicPortfolio,
  type updateEntryInput,
} from '../../../shared/schemas/portfolio.ts';
import { isUuid } from '../../../shared/ids.ts';
import {
  acceptedDeliverables,
  availableTasks,
  ownerEntryView,
  publicEntryView,
  type LoadedEntry,
} from '../../portfolio/entry-views.ts';
import { handleCandidates, newShareToken } from '../../portfolio/handles.ts';
import type { ResumeAbout } from '../../portfolio/json-resume.ts';
import { AppError, conflict } from '../../errors.ts';

export const entryNotFound = () =>
  new AppError(404, 'entry_not_found', 'That portfolio entry does not exist or is not shared.');

const SHARE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The student's handle, making one from their name the first time (unique, numbered if taken). */
export async function ensureHandle(db: Db, userId: string, name: string): Promise<string> {
  const read = async () =>
    (await db.select().from(portfolioHandles).where(eq(portfolioHandles.userId, userId)))[0]?.handle;
  const existing = await read();
  if (existing) return existing;
  for (const candidate of handleCandidates(name)) {
    const [created] = await db
      .insert(portfolioHandles)
      .values({ userId, handle: candidate })
      .onConflictDoNothing()
      .returning({ handle: portfolioHandles.handle });
    if (created) return created.handle;
    const raced = await read();
    if (raced) return raced;
  }
  throw conflict('handle_taken', 'Could not find a free handle; choose one.');
}

/** The student's handle, or null before their first completion; reading never makes one. */
export async function getHandle(db: Db, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ handle: portfolioHandles.handle })
    .from(portfolioHandles)
    .where(eq(portfolioHandles.userId, userId));
  return row?.handle ?? null;
}

export async function setHandle(db: Db, userId: string, handle: string): Promise<string> {
  const [owner] = await db
    .select({ userId: portfolioHandles.userId })
    .from(portfolioHandles)
    .where(eq(portfolioHandles.handle, handle));
  if (owner && owner.userId !== userId) throw conflict('handle_taken', `The handle “${handle}” is taken.`);
  try {
    await db
      .insert(portfolioHandles)
      .values({ userId, handle })
      .onConflictDoUpdate({ target: portfolioHandles.userId, set: { handle, updatedAt: new Date() } });
  } catch (error) {
    const code = (error as { code?: string; cause?: { code?: string } }).cause?.code;
    if ((error as { code?: string }).code === '23505' || code === '23505')
      throw conflict('handle_taken', `The handle “${handle}” is taken.`);
    throw error;
  }
  return handle;
}

const endorsers = alias(users, 'endorsers');

const confirmedTotal = (totals: { workspaceId: string; total: string }[], workspaceId: string) => {
  const found = totals.find((row) => row.workspaceId === workspaceId);
  return found ? Number(found.total) : null;
};

/** Entries matching `where`, each with its completion, deliverables, milestones and credentials. */
/** Entries matching `where`, latest end date first; with `limit`, newest created first (for pages). */
export async function loadEntries(db: Db, where: SQL | undefined, limit?: number): Promise<LoadedEntry[]> {
  const query = db
    .select({
      entry: portfolioEntries,
      completion: workspaceCompletions,
      studentName: users.name,
      endorser: endorsers.name,
      projectId: workspaces.projectId,
      orgId: projects.orgId,
    })
    .from(portfolioEntries)
    .innerJoin(workspaceCompletions, eq(workspaceCompletions.workspaceId, portfolioEntries.workspaceId))
    .innerJoin(users, eq(users.id, portfolioEntries.studentId))
    .innerJoin(workspaces, eq(workspaces.id, portfolioEntries.workspaceId))
    .leftJoin(endorsers, eq(endorsers.id, workspaceCompletions.completedBy))
    .leftJoin(projects, eq(projects.id, workspaces.projectId))
    .where(where)
    .orderBy(
      ...(limit === undefined
        ? [desc(portfolioEntries.endDate), desc(portfolioEntries.createdAt)]
        : [desc(portfolioEntries.createdAt), desc(portfolioEntries.id)]),
    );
  const rows = limit === undefined ? await query : await query.limit(limit);
  if (rows.length === 0) return [];
  const workspaceIds = [...new Set(rows.map((row) => row.entry.workspaceId))];
  const [files, milestones, credentials, hours] = await Promise.all([
    db
      .select()
      .from(deliverables)
      .where(inArray(deliverables.workspaceId, workspaceIds))
      .orderBy(asc(deliverables.createdAt)),
    db
      .select({
        id: workspaceMilestones.id,
        workspaceId: workspaceMilestones.workspaceId,
        title: workspaceMilestones.title,
        status: workspaceMilestones.status,
      })
      .from(workspaceMilestones)
      .where(inArray(workspaceMilestones.workspaceId, workspaceIds))
      .orderBy(asc(workspaceMilestones.position)),
    db
      .select({ id: issuedCredentials.id, entryId: issuedCredentials.entryId })
      .from(issuedCredentials)
      .where(
        and(
          inArray(
            issuedCredentials.entryId,
            rows.map((row) => row.entry.id),
          ),
          isNull(issuedCredentials.revokedAt),
        ),
      )
      .orderBy(asc(issuedCredentials.issuedAt)),
    db
      .select({
        workspaceId: timeLogEntries.workspaceId,
        total: sql<string>`sum(${timeLogEntries.hours})`,
      })
      .from(timeLogEntries)
      .where(and(inArray(timeLogEntries.workspaceId, workspaceIds), eq(timeLogEntries.status, 'confirmed')))
      .groupBy(timeLogEntries.workspaceId),
  ]);
  return rows.map((row) => ({
    ...row,
    deliverables: files.filter((file) => file.workspaceId === row.entry.workspaceId),
    milestones: milestones.filter((milestone) => milestone.workspaceId === row.entry.workspaceId),
    credentialIds: credentials.filter((credential) => credential.entryId === row.entry.id).map((c) => c.id),
    confirmedHours: confirmedTotal(hours, row.entry.workspaceId),
  }));
}

/** An entry by id, for the rule `manageEntry` (applied by the caller); null when there is none. */
export async function loadEntry(db: Db, entryId: string): Promise<LoadedEntry | null> {
  if (!isUuid(entryId)) return null;
  const [loaded] = await loadEntries(db, eq(portfolioEntries.id, entryId));
  return loaded ?? null;
}

/** An entry by its share token, for the rule `readSharedEntry` (applied by the caller). */
export async function loadSharedEntry(db: Db, token: string): Promise<LoadedEntry | null> {
  if (!SHARE_TOKEN.test(token)) return null;
  const [loaded] = await loadEntries(db, eq(portfolioEntries.shareToken, token));
  return loaded ?? null;
}

/** The student's entries, newest first, a page at a time. */
export async function listMyEntries(db: Db, userId: string, page: PageQuery): Promise<Page<PortfolioEntry>> {
  const where = and(
    eq(portfolioEntries.studentId, userId),
    beforeCursor(portfolioEntries.createdAt, portfolioEntries.id, readCursor(page.cursor)),
  );
  const loaded = await loadEntries(db, where, page.limit + 1);
  return toPageAt(loaded, page.limit, (row) => row.entry, ownerEntryView);
}

/**
 * The student's part of an entry: summary, who may see it, which deliverables and board cards it
 * shows. Making an entry private gives it a new share token, so links handed out before stop
 * working. The caller has authorized `manageEntry`.
 */
export async function updateEntry(
  db: Db,
  loaded: LoadedEntry,
  input: z.output<typeof updateEntryInput>,
): Promise<PortfolioEntry> {
  const entryId = loaded.entry.id;
  if (input.deliverableIds) {
    const known = new Set(acceptedDeliverables(loaded).map((row) => row.id));
    const unknown = input.deliverableIds.filter((id) => !known.has(id));
    if (unknown.length > 0)
      throw new AppError(
        400,
        'unknown_deliverable',
        'deliverableIds: only what was handed in for an accepted milestone can be shown.',
        { unknown },
      );
  }
  if (input.taskIds) {
    const known = new Set(availableTasks(loaded).map((task) => task.id));
    const unknown = input.taskIds.filter((id) => !known.has(id));
    if (unknown.length > 0)
      throw new AppError(400, 'unknown_task', 'taskIds: not done cards of this workspace’s board.', {
        unknown,
      });
  }
  const becomesPrivate = input.visibility === 'private' && loaded.entry.visibility !== 'private';
  await db
    .update(portfolioEntries)
    .set({
      ...(input.summary !== undefined ? { summary: input.summary } : {}),
      ...(input.visibility ? { visibility: input.visibility } : {}),
      ...(input.deliverableIds ? { deliverableIds: [...new Set(input.deliverableIds)] } : {}),
      ...(input.taskIds ? { taskIds: [...new Set(input.taskIds)] } : {}),
      ...(becomesPrivate ? { shareToken: newShareToken() } : {}),
      updatedAt: new Date(),
    })
    .where(eq(portfolioEntries.id, entryId));
  return ownerEntryView((await loadEntry(db, entryId))!);
}

/** A student's public entries under their handle; an unknown handle or nothing public is a 404. */
export async function getPublicPortfolio(db: Db, handle: string): Promise<PublicPortfolio> {
  const missing = () => new AppError(404, 'portfolio_not_found', 'There is no public portfolio here.');
  if (!HANDLE_PATTERN.test(handle)) throw missing();
  const [owner] = await db
    .select({ userId: portfolioHandles.userId, name: users.name })
    .from(portfolioHandles)
    .innerJoin(users, eq(users.id, portfolioHandles.userId))
    .where(eq(portfolioHandles.handle, handle));
  if (!owner) throw missing();
  const entries = await loadEntries(
    db,
    and(eq(portfolioEntries.studentId, owner.userId), eq(portfolioEntries.visibility, 'public')),
  );
  if (entries.length === 0) throw missing();
  return { handle, name: owner.name, entries: entries.map(publicEntryView) };
}

/** The caller's whole portfolio, for export: every entry, whatever its visibility. */
export async function loadMyEntries(db: Db, userId: string): Promise<LoadedEntry[]> {
  return loadEntries(db, eq(portfolioEntries.studentId, userId));
}

/** The student's own location and links, for the `basics` of their JSON Resume. */
export async function resumeAbout(db: Db, userId: string): Promise<ResumeAbout> {
  const [row] = await db
    .select({ location: studentProfiles.location, links: studentProfiles.links })
    .from(studentProfiles)
    .where(eq(studentProfiles.userId, userId));
  return { location: row?.location ?? '', links: row?.links ?? [] };
}
