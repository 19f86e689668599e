import { and, count, eq, gt, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { loginFailures, users } from '../db/schema.ts';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../auth/password.ts';
import { AppError, conflict } from './errors.ts';
import { findUserByEmail, toPublicUser } from './users.ts';
import { claimInvitations } from './workspaces.ts';
import { claimOrgInvitations } from './organisations.ts';
import { sendEmailConfirmation } from './email-confirmation.ts';
import type { DomainEventBus } from '../events.ts';
import type { LoginInput, PublicUser, SignupInput } from '../../shared/schemas/auth.ts';

/** Failed logins allowed per window before further attempts are refused. */
export const LOGIN_LIMITS = {
  windowMs: 15 * 60 * 1000,
  perAccount: 10,
  perIp: 50,
};

/** Creates the account and, in the same transaction, turns any workspace invitations into memberships. */
export async function signUp(db: Db, input: SignupInput, events?: DomainEventBus): Promise<PublicUser> {
  const passwordHash = await hashPassword(input.password);
  const created = await db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, role: input.role, passwordHash })
      .onConflictDoNothing()
      .returning();
    if (!user) throw conflict('email_taken', 'An account with this email already exists.');
    await claimInvitations(tx, user);
    await claimOrgInvitations(tx, user);
    await sendEmailConfirmation(tx, user);
    return toPublicUser(user);
  });
  events?.emit('mail:queued');
  return created;
}

/**
 * Checks a login. Refuses with 429 once an account or an address has too many recent failures, and
 * spends the same time on unknown emails as on wrong passwords so neither can be told apart.
 */
export async function logIn(db: Db, input: LoginInput, ip: string): Promise<PublicUser> {
  await assertLoginAllowed(db, input.email, ip);
  const user = await findUserByEmail(db, input.email);
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await decoyPasswordHash()));
  if (!user || !valid) {
    await db.insert(loginFailures).values({ email: input.email, ip });
    throw new AppError(401, 'invalid_credentials', 'That email and password do not match.');
  }
  await db.delete(loginFailures).where(eq(loginFailures.email, input.email));
  return toPublicUser(user);
}

async function assertLoginAllowed(db: Db, email: string, ip: string): Promise<void> {
  const since = new Date(Date.now() - LOGIN_LIMITS.windowMs);
  const recent = and(
    gt(loginFailures.at, since),
    or(eq(loginFailures.email, email), eq(loginFailures.ip, ip)),
  );
  const rows = await db
    .select({ email: loginFailures.email, ip: loginFailures.ip, n: count() })
    .from(loginFailures)
    .where(recent)
    .groupBy(loginFailures.email, loginFailures.ip);
  const forAccount = rows.filter((r) => r.email === email).reduce((sum, r) => sum + r.n, 0);
  const forIp = rows.filter((r) => r.ip === ip).reduce((sum, r) => sum + r.n, 0);
  if (forAccount >= LOGIN_LIMITS.perAccount || forIp >= LOGIN_LIMITS.perIp) {
    throw new AppError(429, 'too_many_requests', 'Too many failed attempts. Try again in 15 minutes.');
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
