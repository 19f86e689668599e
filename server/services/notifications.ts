import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { notifications } from '../db/schema.ts';
import type { DomainEventBus } from '../events.ts';
import type { Notification } from '../../shared/live.ts';
import { isUuid } from '../../shared/ids.ts';
import { AppError } from '../errors.ts';

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
    | 'workspace_completed'
    | 'feedback_received'
    | 'credential_revoked'
    | 'mentioned';
  title: string;
  body?: string;
  /** The page the notification is about; every notification has one. */
  link: string;
}

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
  return () => {
    for (const row of rows)
      events.emit('notification:created', { userId: row.userId, notification: toNotification(row) });
  };
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
