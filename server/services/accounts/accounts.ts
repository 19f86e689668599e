import { and, count, eq, gt, max, min, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { queueEmail } from '../../mail/outbox.ts';
import { loginFailures, users } from '../../db/schema.ts';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../../auth/password.ts';
import { AppError, TooManyRequests } from '../../errors.ts';
import { findUserByEmail, toPublicUser } from '../../auth/users.ts';
import { sendEmailConfirmation } from './email-confirmation.ts';
import type { DomainEventBus } from '../../events.ts';
import type { LoginInput, PublicUser, SignupInput } from '../../../shared/schemas/auth.ts';

/**
 * How failed logins are slowed down. Failures count per (account, address): a guesser slows only
 * themself, and the owner signing in from anywhere else is never locked out. After a few free
 * failures each further one doubles the wait; one address failing across many accounts (credential
 * stuffing) is refused for the window.
 */
export const LOGIN_THROTTLE = {
  windowMs: 15 * 60 * 1000,
  freeFailures: 5,
  firstDelayMs: 2_000,
  maxDelayMs: 15 * 60 * 1000,
  perIp: 50,
};

/**
 * Creates the account and queues its confirmation email. An address that already has an account
 * gets the same answer (`created: false`, nothing changes) and its owner an email saying someone
 * tried to sign up with it: signup cannot be used to find out who has an account.
 * Invitations waiting for the address reach the person once they confirm it.
 */
export async function signUp(
  db: Db,
  input: SignupInput,
  events?: DomainEventBus,
): Promise<{ user: PublicUser; created: boolean }> {
  const passwordHash = await hashPassword(input.password);
  const result = await db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, role: input.role, passwordHash })
      .onConflictDoNothing()
      .returning();
    if (user) {
      await sendEmailConfirmation(tx, user);
      return { user: toPublicUser(user), created: true };
    }
    const owner = await findUserByEmail(tx as Db, input.email);
    if (owner)
      await queueEmail(tx, {
        kind: 'account_exists',
        to: { address: owner.email, name: owner.name, userId: owner.id },
        data: { name: owner.name },
      });
    const decoy: PublicUser = {
      id: randomUUID(),
      email: input.email,
      name: input.name,
      role: input.role,
      createdAt: new Date().toISOString(),
      emailConfirmed: false,
    };
    return { user: decoy, created: false };
  });
  events?.emit('mail:queued');
  return result;
}

/**
 * Checks a login. Refuses with 429 while this address must wait after failing for this account
 * (or has failed for too many accounts), and spends the same time on unknown emails as on wrong
 * passwords so neither can be told apart.
 */
export async function logIn(db: Db, input: LoginInput, ip: string): Promise<PublicUser> {
  await assertLoginAllowed(db, input.email, ip);
  const user = await findUserByEmail(db, input.email);
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await decoyPasswordHash()));
  if (!user || !valid) {
    await db.insert(loginFailures).values({ email: input.email, ip });
    throw new AppError(401, 'invalid_credentials', 'That email and password do not match.');
  }
  await db.delete(loginFailures).where(and(eq(loginFailures.email, input.email), eq(loginFailures.ip, ip)));
  // Told only to someone who knows the password, so it reveals nothing about other addresses.
  if (user.suspendedAt) {
    throw new AppError(403, 'account_suspended', 'This account is suspended by programme staff.');
  }
  return toPublicUser(user);
}

async function assertLoginAllowed(db: Db, email: string, ip: string): Promise<void> {
  const now = Date.now();
  const since = new Date(now - LOGIN_THROTTLE.windowMs);
  const [failures] = await db
    .select({
      fromIp: count(),
      forPair: count(sql`case when ${loginFailures.email} = ${email} then 1 end`),
      lastForPair: max(sql<Date>`case when ${loginFailures.email} = ${email} then ${loginFailures.at} end`),
      firstFromIp: min(loginFailures.at),
    })
    .from(loginFailures)
    .where(and(eq(loginFailures.ip, ip), gt(loginFailures.at, since)));
  if (!failures) return;
  if (failures.fromIp >= LOGIN_THROTTLE.perIp && failures.firstFromIp) {
    const retryAfter = new Date(failures.firstFromIp).getTime() + LOGIN_THROTTLE.windowMs - now;
    throw new TooManyRequests('Too many failed logins from your network. Try again later.', retryAfter);
  }
  const beyondFree = failures.forPair - LOGIN_THROTTLE.freeFailures;
  if (beyondFree < 0 || !failures.lastForPair) return;
  const wait = Math.min(LOGIN_THROTTLE.firstDelayMs * 2 ** beyondFree, LOGIN_THROTTLE.maxDelayMs);
  const retryAfter = new Date(failures.lastForPair).getTime() + wait - now;
  if (retryAfter > 0) {
    throw new TooManyRequests(
      `Too many failed attempts. Try again in ${Math.ceil(retryAfter / 1000)} seconds.`,
      retryAfter,
    );
  }
}

/**
 * Creates the admin account, or resets its password and role if the email exists. Only scripts
 * and start-up configuration call this; signup can never make an admin.
 */
export async function upsertAdmin(
  db: Db,
  admin: { email: string; password: string; name?: string },
): Promise<PublicUser> {
  const passwordHash = await hashPassword(admin.password);
  const email = admin.email.toLowerCase();
  return db.transaction(async (tx) => {
    const existing = await findUserByEmail(tx, email);
    const [user] = existing
      ? await tx
          .update(users)
          .set({ role: 'admin', passwordHash })
          .where(eq(users.id, existing.id))
          .returning()
      : await tx
          .insert(users)
          .values({ email, name: admin.name ?? 'Programme admin', role: 'admin', passwordHash })
          .returning();
    if (!user) throw new Error('admin upsert returned no row');
    return toPublicUser(user);
  });
}
