import { and, asc, eq, inArray, isNull, lte, lt, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { emailDigestItems, emailOutbox, emailPreferences } from '../db/schema.ts';
import { isSecurityEmail, type EmailKind, type EmailMode } from '../../shared/email-kinds.ts';
import type { EmailData } from './templates/index.ts';
import { oneLine } from './render.ts';

export interface QueuedEmail<K extends EmailKind = EmailKind> {
  kind: K;
  to: { address: string; name: string; userId?: string | null };
  data: EmailData[K];
}

/** A person's mode for one kind; security email is always instant. */
export async function emailModeFor(db: Db | Tx, userId: string, kind: EmailKind): Promise<EmailMode> {
  if (isSecurityEmail(kind) || kind === 'digest') return 'instant';
  const [row] = await db
    .select({ mode: emailPreferences.mode })
    .from(emailPreferences)
    .where(and(eq(emailPreferences.userId, userId), eq(emailPreferences.kind, kind)));
  return row?.mode ?? 'instant';
}

/**
 * Writes an email into the outbox inside the caller's transaction, honouring the recipient's
 * preference: instant → the outbox, digest → held for the daily digest, off → nothing. Nothing is
 * sent until the transaction commits; call `events.emit('mail:queued')` after it to send at once.
 */
export async function queueEmail<K extends EmailKind>(
  db: Db | Tx,
  email: QueuedEmail<K>,
): Promise<EmailMode> {
  const userId = email.to.userId ?? null;
  const mode = userId ? await emailModeFor(db, userId, email.kind) : 'instant';
  if (mode === 'off') return mode;
  if (mode === 'digest' && userId) {
    const data = email.data as { title?: string; path?: string; targetName?: string };
    await db.insert(emailDigestItems).values({
      userId,
      kind: email.kind,
      title: oneLine(data.title ?? `Invitation to ${data.targetName ?? 'join'}`, 300),
      link: data.path ?? '/notifications',
    });
    return mode;
  }
  await db.insert(emailOutbox).values({
    kind: email.kind,
    toAddress: email.to.address,
    toName: oneLine(email.to.name, 100),
    userId,
    data: email.data as unknown as Record<string, unknown>,
  });
  return mode;
}

export type OutboxRow = typeof emailOutbox.$inferSelect;

/**
 * Takes up to `limit` due messages for this process: rows are picked with `for update skip locked`
 * (so processes never take the same row) and leased until `leaseMs` from now.
 */
export async function claimDueEmails(db: Db, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(
        and(
          eq(emailOutbox.status, 'pending'),
          lte(emailOutbox.nextAttemptAt, sql`now()`),
          or(isNull(emailOutbox.lockedUntil), lt(emailOutbox.lockedUntil, sql`now()`)),
        ),
      )
      .orderBy(asc(emailOutbox.createdAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(emailOutbox)
      .set({
        lockedUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval`,
        attempts: sql`${emailOutbox.attempts} + 1`,
      })
      .where(
        inArray(
          emailOutbox.id,
          due.map((row) => row.id),
        ),
      )
      .returning();
  });
}

export async function markEmailSent(db: Db, id: string): Promise<void> {
  await db
    .update(emailOutbox)
    .set({ status: 'sent', sentAt: sql`now()`, lockedUntil: null, lastError: null })
    .where(eq(emailOutbox.id, id));
}

export async function markEmailFailed(
  db: Db,
  row: OutboxRow,
  error: string,
  retryInMs: number | null,
): Promise<void> {
  await db
    .update(emailOutbox)
    .set(
      retryInMs === null
        ? { status: 'failed', lockedUntil: null, lastError: error }
        : {
            nextAttemptAt: sql`now() + ${`${retryInMs} milliseconds`}::interval`,
            lockedUntil: null,
            lastError: error,
          },
    )
    .where(eq(emailOutbox.id, row.id));
}

/** How long until the next pending message is due (null: none pending). */
export async function nextDueInMs(db: Db): Promise<number | null> {
  const [row] = await db
    .select({
      ms: sql<
        number | null
      >`extract(epoch from (min(greatest(${emailOutbox.nextAttemptAt}, coalesce(${emailOutbox.lockedUntil}, ${emailOutbox.nextAttemptAt}))) - now())) * 1000`,
    })
    .from(emailOutbox)
    .where(eq(emailOutbox.status, 'pending'));
  return row?.ms === null || row?.ms === undefined ? null : Number(row.ms);
}
