import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { loginFailures, sessions, users } from '../../db/schema.ts';
import type { DomainEventBus } from '../../events.ts';
import { hashPassword } from '../../auth/password.ts';
import { queueEmail } from '../../mail/outbox.ts';
import { consumeAccountToken, issueAccountToken, retireAccountTokens } from './account-tokens.ts';
import { AppError } from '../../errors.ts';
import { takeRateLimits } from './attempt-limits.ts';
import { findUserByEmail } from '../../auth/users.ts';

export const PASSWORD_RESET_LIMITS = {
  windowMs: 60 * 60 * 1000,
  perAddress: 5,
  perIp: 30,
};

/**
 * Emails a reset link when the address has an account, and does exactly the same visible things
 * when it has none: the same answer, the same rate limits counted, so nobody learns which
 * addresses have accounts.
 */
export async function requestPasswordReset(
  db: Db,
  events: DomainEventBus,
  email: string,
  ip: string,
): Promise<void> {
  const { windowMs, perAddress, perIp } = PASSWORD_RESET_LIMITS;
  await takeRateLimits(db, [
    { bucket: `password-reset:email:${email.toLowerCase()}`, limit: perAddress, windowMs },
    { bucket: `password-reset:ip:${ip}`, limit: perIp, windowMs },
  ]);
  const user = await findUserByEmail(db, email);
  if (!user) return;
  await db.transaction(async (tx) => {
    const token = await issueAccountToken(tx, {
      userId: user.id,
      purpose: 'password_reset',
      email: user.email,
    });
    await queueEmail(tx, {
      kind: 'password_reset',
      to: { address: user.email, name: user.name, userId: user.id },
      data: { name: user.name, token },
    });
  });
  events.emit('mail:queued');
}

const invalidToken = () =>
  new AppError(400, 'invalid_token', 'This reset link is not valid any more. Ask for a new one.');

/**
 * Sets the new password and ends every session of the account, in one transaction with using up
 * the token (and every other reset token of the account). The live layer is told after commit.
 */
export async function confirmPasswordReset(
  db: Db,
  events: DomainEventBus,
  token: string,
  password: string,
): Promise<void> {
  const passwordHash = await hashPassword(password);
  const userId = await db.transaction(async (tx) => {
    const row = await consumeAccountToken(tx, 'password_reset', token);
    if (!row) throw invalidToken();
    await retireAccountTokens(tx, row.userId, 'password_reset');
    const [user] = await tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId)).returning();
    if (!user) throw invalidToken();
    await tx.delete(sessions).where(eq(sessions.userId, row.userId));
    await tx.delete(loginFailures).where(eq(loginFailures.email, user.email.toLowerCase()));
    return row.userId;
  });
  events.emit('sessions:ended', { userId, sessionIds: 'all' });
}
