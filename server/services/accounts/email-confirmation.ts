import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import type { DomainEventBus } from '../../events.ts';
import { queueEmail } from '../../mail/outbox.ts';
import { deliverWaitingInvitations } from '../workspace/member-invitations.ts';
import { consumeAccountToken, issueAccountToken, retireAccountTokens } from './account-tokens.ts';
import { AppError } from '../../errors.ts';
import { takeRateLimits } from './attempt-limits.ts';
import { findUserById } from '../../auth/users.ts';
import { verifyPassword } from '../../auth/password.ts';

/** Issues a confirmation token for the account's current address and queues its email (in `tx`). */
export async function sendEmailConfirmation(tx: Tx, user: { id: string; email: string; name: string }) {
  await retireAccountTokens(tx, user.id, 'email_confirmation');
  const token = await issueAccountToken(tx, {
    userId: user.id,
    purpose: 'email_confirmation',
    email: user.email,
  });
  await queueEmail(tx, {
    kind: 'email_confirmation',
    to: { address: user.email, name: user.name, userId: user.id },
    data: { name: user.name, token },
  });
}

/** Sends the link again (at most 5 an hour per account). */
export async function resendEmailConfirmation(db: Db, events: DomainEventBus, userId: string): Promise<void> {
  await takeRateLimits(db, [
    { bucket: `email-confirmation:user:${userId}`, limit: 5, windowMs: 60 * 60 * 1000 },
  ]);
  const user = await findUserById(db, userId);
  if (!user || user.emailConfirmedAt) return;
  await db.transaction((tx) => sendEmailConfirmation(tx, user));
  events.emit('mail:queued');
}

/**
 * Confirms the address the token was sent to, once. When that is not the account's address, it is
 * the new address of a change the account asked for (see requestEmailChange): the change takes
 * effect now, unless another account has taken the address since. Issuing a token retires the
 * account's earlier ones, so only the latest link works.
 */
export async function confirmEmail(db: Db, events: DomainEventBus, token: string): Promise<void> {
  const invalid = () =>
    new AppError(400, 'invalid_token', 'This confirmation link is not valid any more. Ask for a new one.');
  const push = await db.transaction(async (tx) => {
    const row = await consumeAccountToken(tx, 'email_confirmation', token);
    if (!row) throw invalid();
    const [user] = await tx.select().from(users).where(eq(users.id, row.userId)).for('update');
    if (!user) throw invalid();
    const changing = user.email.toLowerCase() !== row.email.toLowerCase();
    if (changing) {
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = ${row.email.toLowerCase()}`);
      if (taken) throw invalid();
    }
    const [confirmed] = await tx
      .update(users)
      .set(
        changing
          ? { email: row.email.toLowerCase(), emailConfirmedAt: sql`now()` }
          : { emailConfirmedAt: sql`coalesce(${users.emailConfirmedAt}, now())` },
      )
      .where(and(eq(users.id, user.id)))
      .returning({
        id: users.id,
        email: users.email,
        name: users.name,
        emailConfirmedAt: users.emailConfirmedAt,
      });
    // Invitations held back until the address was proven reach its owner now.
    return deliverWaitingInvitations(tx, events, confirmed!);
  });
  push();
}

/**
 * Asks to move the account to another address (the current password proves it is the owner): the
 * new address gets a confirmation link, the old one is told. Nothing changes until the link is
 * followed. The answer is the same when the new address has an account already (it then gets
 * nothing), so this cannot be used to find out who has an account.
 */
export async function requestEmailChange(
  db: Db,
  events: DomainEventBus,
  userId: string,
  input: { email: string; password: string },
): Promise<void> {
  const user = await findUserById(db, userId);
  if (!user || !(await verifyPassword(input.password, user.passwordHash)))
    throw new AppError(400, 'wrong_password', 'That is not your current password.');
  await takeRateLimits(db, [{ bucket: `email-change:user:${userId}`, limit: 5, windowMs: 60 * 60 * 1000 }]);
  const address = input.email.toLowerCase();
  if (address === user.email.toLowerCase())
    throw new AppError(400, 'same_email', 'That is already your address.');
  await db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${address}`);
    if (!taken) await sendEmailConfirmation(tx, { id: user.id, email: address, name: user.name });
    await queueEmail(tx, {
      kind: 'email_changed',
      to: { address: user.email, name: user.name, userId: user.id },
      data: { name: user.name, newAddress: address },
    });
  });
  events.emit('mail:queued');
}
