import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { users } from '../db/schema.ts';
import type { DomainEventBus } from '../events.ts';
import { queueEmail } from '../mail/outbox.ts';
import { deliverWaitingInvitations } from './member-invitations.ts';
import { consumeAccountToken, issueAccountToken, retireAccountTokens } from './account-tokens.ts';
import { AppError } from '../errors.ts';
import { takeRateLimits } from './attempt-limits.ts';
import { findUserById } from './users.ts';

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
 * Confirms the address the token was sent to, once. A token for an address the account no longer
 * has (it changed since) confirms nothing.
 */
export async function confirmEmail(db: Db, events: DomainEventBus, token: string): Promise<void> {
  const push = await db.transaction(async (tx) => {
    const row = await consumeAccountToken(tx, 'email_confirmation', token);
    const confirmed = row
      ? await tx
          .update(users)
          .set({ emailConfirmedAt: sql`coalesce(${users.emailConfirmedAt}, now())` })
          .where(and(eq(users.id, row.userId), sql`lower(${users.email}) = ${row.email.toLowerCase()}`))
          .returning({ id: users.id, email: users.email, name: users.name, emailConfirmedAt: users.emailConfirmedAt })
      : [];
    if (confirmed.length === 0)
      throw new AppError(
        400,
        'invalid_token',
        'This confirmation link is not valid any more. Ask for a new one.',
      );
    // Invitations held back until the address was proven reach its owner now.
    return deliverWaitingInvitations(tx, events, confirmed[0]!);
  });
  push();
}
