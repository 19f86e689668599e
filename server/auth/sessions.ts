import { createHmac, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';
import { toPublicUser, type UserRow } from './users.ts';
import type { PublicUser } from '../../shared/schemas/auth.ts';
import type { DomainEventBus } from '../events.ts';

export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** lastSeenAt is refreshed at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60 * 60 * 1000;

export interface SessionKeys {
  /** HMAC key: the database stores HMAC(token), never the token itself. */
  secret: string;
}

function hashToken(keys: SessionKeys, token: string): string {
  return createHmac('sha256', keys.secret).update(token).digest('base64url');
}

export async function createSession(db: Db, keys: SessionKeys, userId: string) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  await db.insert(sessions).values({ tokenHash: hashToken(keys, token), userId, expiresAt });
  return { token, expiresAt };
}

export interface SessionUser extends PublicUser {
  sessionId: string;
}

/** The user a session token belongs to, or null when it is unknown, revoked or expired. */
export async function findSessionUser(
  db: Db,
  keys: SessionKeys,
  token: string | undefined,
): Promise<SessionUser | null> {
  if (!token || token.length > 100) return null;
  const now = new Date();
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    // A suspended account's sessions were ended; this also refuses one created in a race with it.
    .where(
      and(
        eq(sessions.tokenHash, hashToken(keys, token)),
        gt(sessions.expiresAt, now),
        isNull(users.suspendedAt),
      ),
    );
  if (!row) return null;
  if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.session.id));
  }
  return { ...toPublicUser(row.user as UserRow), sessionId: row.session.id };
}

export async function revokeSession(
  db: Db,
  keys: SessionKeys,
  token: string,
): Promise<{ id: string; userId: string } | undefined> {
  const [ended] = await db
    .delete(sessions)
    .where(eq(sessions.tokenHash, hashToken(keys, token)))
    .returning({ id: sessions.id, userId: sessions.userId });
  return ended;
}

/**
 * Logging out ends the session row and announces it, so the live connections it opened (Socket.IO
 * and Yjs, on every process) are closed: a logged-out tab can no longer edit or chat.
 */
export async function logOut(
  db: Db,
  keys: SessionKeys,
  events: DomainEventBus,
  token: string,
): Promise<void> {
  const ended = await revokeSession(db, keys, token);
  if (ended) events.emit('sessions:ended', { userId: ended.userId, sessionIds: [ended.id] });
}

export async function deleteExpiredSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}

/** Whether a session row still exists and has not expired. */
export async function isSessionActive(db: Db, sessionId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date())));
  return row !== undefined;
}
