import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { users, workspaceFeedback, workspaces } from '../../db/schema.ts';
import type { WorkspaceAccess } from '../../auth/permissions.ts';
import type { DomainEventBus } from '../../events.ts';
import {
  FEEDBACK_REVEAL_DAYS,
  type FeedbackItem,
  type FeedbackView,
} from '../../../shared/schemas/portfolio.ts';
import { portfolioNotice } from './notices.ts';
import { AppError, conflict } from '../../errors.ts';
import { memberIds } from '../workspace/milestones.ts';
import { createNotifications } from '../accounts/notifications.ts';

type Side = 'intern' | 'supervisor';
const otherSide = (side: Side): Side => (side === 'intern' ? 'supervisor' : 'intern');

function sideOf(access: WorkspaceAccess): Side {
  if (access.role === 'intern' || access.role === 'supervisor') return access.role;
  throw new AppError(403, 'forbidden', 'Only the intern and the supervisors give feedback.');
}

export const workspaceNotCompleted = () =>
  conflict('workspace_not_completed', 'Feedback opens when the workspace is completed.');

async function completedAt(db: Db, workspaceId: string): Promise<Date> {
  const [row] = await db
    .select({ completedAt: workspaces.completedAt })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!row?.completedAt) throw workspaceNotCompleted();
  return row.completedAt;
}

/**
 * Each side sees the other's feedback only once it has written its own (so neither can answer the
 * other), or when FEEDBACK_REVEAL_DAYS have passed since completion.
 */
export async function getFeedback(db: Db, access: WorkspaceAccess, userId: string): Promise<FeedbackView> {
  const side = sideOf(access);
  const revealAt = new Date(
    (await completedAt(db, access.workspaceId)).getTime() + FEEDBACK_REVEAL_DAYS * 86_400_000,
  );
  const rows = await db
    .select({ row: workspaceFeedback, name: users.name })
    .from(workspaceFeedback)
    .innerJoin(users, eq(users.id, workspaceFeedback.authorId))
    .where(eq(workspaceFeedback.workspaceId, access.workspaceId))
    .orderBy(workspaceFeedback.createdAt);
  const toItem = ({ row, name }: (typeof rows)[number]): FeedbackItem => ({
    rating: row.rating,
    comment: row.comment,
    side: row.side,
    author: { name },
    createdAt: row.createdAt.toISOString(),
  });
  const mine = rows.find(({ row }) => row.authorId === userId);
  const theirs = rows.filter(({ row }) => row.side === otherSide(side));
  const visible = (mine !== undefined && theirs.length > 0) || Date.now() >= revealAt.getTime();
  return {
    mine: mine ? toItem(mine) : null,
    theirs: visible ? theirs.map(toItem) : null,
    hiddenUntil: visible ? null : revealAt.toISOString(),
  };
}

export async function giveFeedback(
  db: Db,
  events: DomainEventBus,
  access: WorkspaceAccess,
  author: { id: string; name: string },
  input: { rating: number; comment: string },
): Promise<FeedbackView> {
  const side = sideOf(access);
  await completedAt(db, access.workspaceId);
  const push = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(workspaceFeedback)
      .values({ workspaceId: access.workspaceId, authorId: author.id, side, ...input })
      .onConflictDoNothing()
      .returning({ id: workspaceFeedback.id });
    if (!created) throw conflict('feedback_exists', 'You have already given feedback on this workspace.');
    const [workspace] = await tx
      .select({ title: workspaces.title })
      .from(workspaces)
      .where(eq(workspaces.id, access.workspaceId));
    const recipients = await memberIds(tx, access.workspaceId, [otherSide(side)], author.id);
    return createNotifications(
      tx,
      events,
      recipients.map((userId) =>
        portfolioNotice({
          userId,
          kind: 'feedback_received',
          title: `${author.name} left feedback on “${workspace?.title ?? 'your workspace'}”`,
          body: 'Write yours to read it.',
          link: `/workspaces/${access.workspaceId}`,
        }),
      ),
    );
  });
  push();
  return getFeedback(db, access, author.id);
}

/** Programme figures: how each side rates the other, across every completed workspace. */
export async function feedbackFigures(db: Db) {
  const rows = await db
    .select({
      side: workspaceFeedback.side,
      count: sql<number>`count(*)::int`,
      average: sql<number>`round(avg(${workspaceFeedback.rating})::numeric, 2)::float`,
    })
    .from(workspaceFeedback)
    .groupBy(workspaceFeedback.side);
  const bySide = (side: Side) => rows.find((row) => row.side === side) ?? { count: 0, average: null };
  return {
    fromInterns: { count: bySide('intern').count, average: bySide('intern').average },
    fromSupervisors: { count: bySide('supervisor').count, average: bySide('supervisor').average },
  };
}
