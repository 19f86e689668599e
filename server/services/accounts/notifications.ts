import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notifications, users } from '../../db/schema.ts';
import { queueEmail } from '../../mail/outbox.ts';
import type { ActivityEmailKind } from '../../../shared/email-kinds.ts';
import type { DomainEventBus } from '../../events.ts';
import type { Notification } from '../../../shared/live.ts';
import { isUuid } from '../../../shared/ids.ts';
import { AppError } from '../../errors.ts';

export interface NewNotification {
  userId: string;
  kind:
    | 'application_received'
    | 'application_accepted'
    | 'application_declined'
    | 'workspace_invited'
    | 'org_invited'
    | 'invited_to_apply'
    | 'milestone_submitted'
    | 'milestone_accepted'
    | 'milestone_changes_requested'
    | 'milestone_dropped'
    | 'workspace_completed'
    | 'feedback_received'
    | 'credential_revoked'
    | 'reminder'
    | 'report_resolved'
    | 'mentioned';
  title: string;
  body?: string;
  /** The page the notification is about; every notification has one. */
  link: string;
}

/**
 * Which email goes with each notification (null: in the app only). The email honours the person's
 * preference for its kind (instant, daily digest, off) and is written to the outbox in the same
 * transaction, so it goes out after commit or not at all.
 */
const EMAIL_FOR: Record<NewNotification['kind'], Exclude<ActivityEmailKind, 'invitation'> | null> = {
  application_received: 'application_received',
  application_accepted: 'application_decided',
  application_declined: 'application_decided',
  // Invitations have their own email, written by the invitation itself (services/workspace/member-invitations.ts).
  workspace_invited: null,
  org_invited: null,
  invited_to_apply: null,
  milestone_submitted: 'milestone_submitted',
  milestone_accepted: 'milestone_reviewed',
  milestone_changes_requested: 'milestone_reviewed',
  milestone_dropped: 'milestone_reviewed',
  workspace_completed: 'workspace_completed',
  feedback_received: 'feedback_waiting',
  credential_revoked: null,
  reminder: 'reminder',
  // The reporter hears the outcome in the app; a report is no reason to fill an inbox.
  report_resolved: null,
  mentioned: 'mentioned',
};

function toNotification(row: typeof notifications.$inferSelect): Notification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/**
 * Stores notifications (inside the caller's transaction when given one) and returns a function that
 * pushes them live. Call it after the transaction commits, so nobody is told about a change that
 * was rolled back.
 */
export async function createNotifications(db: Db, events: DomainEventBus, items: NewNotification[]) {
  if (items.length === 0) return () => {};
  const rows = await db
    .insert(notifications)
    .values(items.map((item) => ({ ...item, body: item.body ?? '' })))
    .returning();
  const queued = await emailNotifications(db, items);
  return () => {
    for (const row of rows)
      events.emit('notification:created', { userId: row.userId, notification: toNotification(row) });
    if (queued) events.emit('mail:queued');
  };
}

/** Queues the email of each notification that has one. */
async function emailNotifications(db: Db, items: NewNotification[]): Promise<boolean> {
  const emailed = items.filter((item) => EMAIL_FOR[item.kind]);
  if (emailed.length === 0) return false;
  const recipients = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(
      inArray(
        users.id,
        emailed.map((item) => item.userId),
      ),
    );
  const byId = new Map(recipients.map((user) => [user.id, user]));
  let queued = false;
  for (const item of emailed) {
    const kind = EMAIL_FOR[item.kind]!;
    const user = byId.get(item.userId);
    if (!user) continue;
    const mode = await queueEmail(db, {
      kind,
      to: { address: user.email, name: user.name, userId: user.id },
      data: { title: item.title, ...(item.body ? { body: item.body } : {}), path: item.link },
    });
    if (mode === 'instant') queued = true;
  }
  return queued;
}

export async function listNotifications(
  db: Db,
  userId: string,
  options: { before?: string; limit?: number } = {},
) {
  const limit = options.limit ?? 30;
  const before = options.before ? new Date(options.before) : undefined;
  const rows = await db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        before && !Number.isNaN(before.getTime()) ? lt(notifications.createdAt, before) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(toNotification);
  const [unread] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return {
    items,
    next: rows.length > limit ? (items.at(-1)?.createdAt ?? null) : null,
    unread: unread?.n ?? 0,
  };
}

export async function markNotificationRead(db: Db, userId: string, id: string): Promise<Notification> {
  if (!isUuid(id)) throw new AppError(404, 'notification_not_found', 'That notification does not exist.');
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning();
  if (!row) throw new AppError(404, 'notification_not_found', 'That notification does not exist.');
  return toNotification(row);
}

export async function markAllNotificationsRead(db: Db, userId: string): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}
