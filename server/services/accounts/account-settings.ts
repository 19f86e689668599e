import { and, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { beforeCursor, readCursor, toPage } from '../../db/pagination.ts';
import type { PageQuery } from '../../../shared/schemas/pagination.ts';
import { emailPreferences, sessions, users } from '../../db/schema.ts';
import type { DomainEventBus } from '../../events.ts';
import { hashPassword, verifyPassword } from '../../auth/password.ts';
import { ACTIVITY_EMAIL_KINDS, type ActivityEmailKind, type EmailMode } from '../../../shared/email-kinds.ts';
import { AppError } from '../../errors.ts';
import { findUserById, toPublicUser } from '../../auth/users.ts';
import { isUuid } from '../../../shared/ids.ts';

/** Every activity kind with the person's mode (instant when they never chose). */
export async function getEmailPreferences(db: Db, userId: string) {
  const rows = await db.select().from(emailPreferences).where(eq(emailPreferences.userId, userId));
  const chosen = new Map(rows.map((row) => [row.kind, row.mode]));
  return ACTIVITY_EMAIL_KINDS.map((kind) => ({ kind, mode: chosen.get(kind) ?? ('instant' as EmailMode) }));
}

export async function setEmailPreferences(
  db: Db,
  userId: string,
  choices: Partial<Record<ActivityEmailKind, EmailMode>>,
) {
  await db.transaction(async (tx) => {
    for (const [kind, mode] of Object.entries(choices)) {
      await tx
        .insert(emailPreferences)
        .values({ userId, kind, mode })
        .onConflictDoUpdate({ target: [emailPreferences.userId, emailPreferences.kind], set: { mode } });
    }
  });
  return getEmailPreferences(db, userId);
}

/** Changes the password after checking the current one; every other session of the account ends. */
export async function changePassword(
  db: Db,
  events: DomainEventBus,
  caller: { id: string; sessionId: string },
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const user = await findUserById(db, caller.id);
  if (!user || !(await verifyPassword(currentPassword, user.passwordHash)))
    throw new AppError(403, 'wrong_password', 'That is not your current password.');
  const passwordHash = await hashPassword(newPassword);
  const ended = await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, caller.id));
    return tx
      .delete(sessions)
      .where(and(eq(sessions.userId, caller.id), ne(sessions.id, caller.sessionId)))
      .returning({ id: sessions.id });
  });
  if (ended.length > 0)
    events.emit('sessions:ended', { userId: caller.id, sessionIds: ended.map((row) => row.id) });
}

/** The account's signed-in sessions, newest first, a page at a time. */
export async function listSessions(db: Db, caller: { id: string; sessionId: string }, page: PageQuery) {
  const rows = await db
    .select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, caller.id),
        beforeCursor(sessions.createdAt, sessions.id, readCursor(page.cursor)),
      ),
    )
    .orderBy(desc(sessions.createdAt), desc(sessions.id))
    .limit(page.limit + 1);
  return toPage(rows, page.limit, (row) => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    current: row.id === caller.sessionId,
  }));
}

/** Ends every session of the account, this one included. */
export async function signOutEverywhere(db: Db, events: DomainEventBus, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
  events.emit('sessions:ended', { userId, sessionIds: 'all' });
}

/** Renames the account; the new name shows wherever the person appears from now on. */
export async function changeName(db: Db, userId: string, name: string) {
  const [row] = await db.update(users).set({ name }).where(eq(users.id, userId)).returning();
  if (!row) throw new AppError(404, 'user_not_found', 'That account does not exist.');
  return toPublicUser(row);
}

/** Ends one of the caller's other sessions (and its live connections); the current one stays. */
export async function endOtherSession(
  db: Db,
  events: DomainEventBus,
  caller: { id: string; sessionId: string },
  sessionId: string,
): Promise<void> {
  const notFound = () => new AppError(404, 'session_not_found', 'That session does not exist.');
  if (!isUuid(sessionId) || sessionId === caller.sessionId) throw notFound();
  const ended = await db
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, caller.id)))
    .returning({ id: sessions.id });
  if (ended.length === 0) throw notFound();
  events.emit('sessions:ended', { userId: caller.id, sessionIds: [sessionId] });
}
