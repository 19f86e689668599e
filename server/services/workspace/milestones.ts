import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  milestoneReviews,
  users,
  workspaceMembers,
  workspaceMilestones,
  workspaces,
} from '../../db/schema.ts';
import type { DomainEventBus } from '../../events.ts';
import type { WorkspaceRole } from '../../../shared/workspace-roles.ts';
import type {
  MilestoneReviewKind,
  MilestoneReviewStep,
  MilestoneStatus,
  WorkspaceMilestone,
} from '../../../shared/schemas/portfolio.ts';
import { isUuid } from '../../../shared/ids.ts';
import { portfolioNotice, type PortfolioNoticeKind } from '../portfolio/notices.ts';
import { AppError, conflict } from '../../errors.ts';
import { createNotifications } from '../accounts/notifications.ts';

export const milestoneNotFound = () =>
  new AppError(404, 'milestone_not_found', 'That milestone does not exist or you are not a member.');

export const workspaceCompleted = () =>
  new AppError(403, 'forbidden', 'This workspace is completed and can no longer be changed.');

type Row = typeof workspaceMilestones.$inferSelect;

function toMilestone(row: Row, history: MilestoneReviewStep[] = []): WorkspaceMilestone {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    position: row.position,
    title: row.title,
    week: row.week,
    status: row.status,
    comment: row.comment,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    history,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Copies a project's milestones into a new workspace. Runs inside the transaction that opens the
 * workspace (acceptApplication), so a workspace never exists without them.
 */
export async function createMilestonesFromProject(
  tx: Db,
  workspaceId: string,
  milestones: readonly { title: string; week: number | null }[],
): Promise<void> {
  if (milestones.length === 0) return;
  await tx
    .insert(workspaceMilestones)
    .values(milestones.map((milestone, index) => ({ workspaceId, position: index + 1, ...milestone })));
}

/** Every review step of the given milestones, oldest first, grouped by milestone. */
async function reviewHistory(db: Db, milestoneIds: string[]): Promise<Map<string, MilestoneReviewStep[]>> {
  const byMilestone = new Map<string, MilestoneReviewStep[]>();
  if (milestoneIds.length === 0) return byMilestone;
  const rows = await db
    .select({ step: milestoneReviews, actorName: users.name })
    .from(milestoneReviews)
    .leftJoin(users, eq(users.id, milestoneReviews.actorId))
    .where(inArray(milestoneReviews.milestoneId, milestoneIds))
    .orderBy(asc(milestoneReviews.createdAt), asc(milestoneReviews.id));
  for (const { step, actorName } of rows) {
    const steps = byMilestone.get(step.milestoneId) ?? [];
    steps.push({
      kind: step.kind,
      comment: step.comment,
      actor: actorName === null ? null : { name: actorName },
      createdAt: step.createdAt.toISOString(),
    });
    byMilestone.set(step.milestoneId, steps);
  }
  return byMilestone;
}

export async function listMilestones(db: Db, workspaceId: string): Promise<WorkspaceMilestone[]> {
  const rows = await db
    .select()
    .from(workspaceMilestones)
    .where(eq(workspaceMilestones.workspaceId, workspaceId))
    .orderBy(asc(workspaceMilestones.position));
  const history = await reviewHistory(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toMilestone(row, history.get(row.id)));
}

/**
 * Locks the workspace row for the rest of the transaction and refuses a completed one, so nothing
 * is added to a workspace after completion has committed.
 */
export async function lockActiveWorkspace(tx: Db, workspaceId: string): Promise<{ title: string }> {
  const [workspace] = await tx
    .select({ status: workspaces.status, title: workspaces.title })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .for('share');
  if (!workspace) throw new AppError(404, 'workspace_not_found', 'That workspace does not exist.');
  if (workspace.status !== 'active') throw workspaceCompleted();
  return workspace;
}

export async function addMilestone(
  db: Db,
  workspaceId: string,
  input: { title: string; week?: number | null | undefined },
): Promise<WorkspaceMilestone> {
  return db.transaction(async (tx) => {
    // The exclusive lock also makes two supervisors adding at once take turns for `position`.
    const [workspace] = await tx
      .select({ status: workspaces.status })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId))
      .for('update');
    if (workspace?.status !== 'active') throw workspaceCompleted();
    const [last] = await tx
      .select({ position: sql<number>`coalesce(max(${workspaceMilestones.position}), 0)::int` })
      .from(workspaceMilestones)
      .where(eq(workspaceMilestones.workspaceId, workspaceId));
    const [row] = await tx
      .insert(workspaceMilestones)
      .values({
        workspaceId,
        position: (last?.position ?? 0) + 1,
        title: input.title,
        week: input.week ?? null,
      })
      .returning();
    return toMilestone(row!);
  });
}

/** The workspace a milestone belongs to, or null (unknown or malformed id). */
export async function findMilestoneWorkspace(db: Db, milestoneId: string): Promise<string | null> {
  if (!isUuid(milestoneId)) return null;
  const [row] = await db
    .select({ workspaceId: workspaceMilestones.workspaceId })
    .from(workspaceMilestones)
    .where(eq(workspaceMilestones.id, milestoneId));
  return row?.workspaceId ?? null;
}

export async function memberIds(
  db: Db,
  workspaceId: string,
  roles: readonly WorkspaceRole[],
  except?: string,
): Promise<string[]> {
  const rows = await db
    .select({ userId: workspaceMembers.userId })
    .from(workspaceMembers)
    .where(
      and(
        eq(workspaceMembers.workspaceId, workspaceId),
        inArray(workspaceMembers.role, [...roles]),
        except ? ne(workspaceMembers.userId, except) : undefined,
      ),
    );
  return rows.map((row) => row.userId);
}

interface Transition {
  /** The step recorded in the milestone's review history. */
  step: MilestoneReviewKind;
  comment?: string;
  from: MilestoneStatus[];
  set: Partial<typeof workspaceMilestones.$inferInsert>;
  notify: WorkspaceRole[];
  kind: PortfolioNoticeKind;
  title: (milestone: string, workspace: string) => string;
  body?: string;
}

/** Moves a milestone from one of `from`, telling the other side; refuses any other starting state. */
async function transition(
  db: Db,
  events: DomainEventBus,
  workspaceId: string,
  milestoneId: string,
  actorId: string,
  step: Transition,
): Promise<WorkspaceMilestone> {
  const { row, push } = await db.transaction(async (tx) => {
    const workspace = await lockActiveWorkspace(tx, workspaceId);
    const [row] = await tx
      .update(workspaceMilestones)
      .set({ ...step.set, updatedAt: new Date() })
      .where(
        and(
          eq(workspaceMilestones.id, milestoneId),
          eq(workspaceMilestones.workspaceId, workspaceId),
          inArray(workspaceMilestones.status, step.from),
        ),
      )
      .returning();
    if (!row) {
      const [current] = await tx
        .select({ status: workspaceMilestones.status })
        .from(workspaceMilestones)
        .where(eq(workspaceMilestones.id, milestoneId));
      if (!current) throw milestoneNotFound();
      throw conflict('invalid_status', `This milestone is ${current.status.replace('_', ' ')}.`);
    }
    await tx
      .insert(milestoneReviews)
      .values({ milestoneId, kind: step.step, comment: step.comment ?? null, actorId });
    const recipients = await memberIds(tx, workspaceId, step.notify, actorId);
    const push = await createNotifications(
      tx,
      events,
      recipients.map((userId) =>
        portfolioNotice({
          userId,
          kind: step.kind,
          title: step.title(row.title, workspace.title),
          body: step.body ?? '',
          link: `/workspaces/${workspaceId}`,
        }),
      ),
    );
    return { row, push };
  });
  push();
  const history = await reviewHistory(db, [row.id]);
  return toMilestone(row, history.get(row.id));
}

export function submitMilestone(
  db: Db,
  events: DomainEventBus,
  workspaceId: string,
  milestoneId: string,
  actorId: string,
) {
  return transition(db, events, workspaceId, milestoneId, actorId, {
    step: 'submitted',
    from: ['open', 'changes_requested'],
    set: { status: 'submitted', submittedAt: new Date() },
    notify: ['supervisor'],
    kind: 'milestone_submitted',
    title: (milestone, workspace) => `“${milestone}” is ready for review in “${workspace}”`,
  });
}

export function acceptMilestone(
  db: Db,
  events: DomainEventBus,
  workspaceId: string,
  milestoneId: string,
  actorId: string,
) {
  return transition(db, events, workspaceId, milestoneId, actorId, {
    step: 'accepted',
    from: ['submitted'],
    set: { status: 'accepted', reviewedAt: new Date(), comment: null },
    notify: ['intern'],
    kind: 'milestone_accepted',
    title: (milestone) => `“${milestone}” was accepted`,
  });
}

export function requestMilestoneChanges(
  db: Db,
  events: DomainEventBus,
  workspaceId: string,
  milestoneId: string,
  actorId: string,
  comment: string,
) {
  return transition(db, events, workspaceId, milestoneId, actorId, {
    step: 'changes_requested',
    comment,
    from: ['submitted'],
    set: { status: 'changes_requested', reviewedAt: new Date(), comment },
    notify: ['intern'],
    kind: 'milestone_changes_requested',
    title: (milestone) => `Changes requested on “${milestone}”`,
    body: comment,
  });
}

/**
 * Takes a milestone that will not be done out of the internship, saying why. A dropped milestone
 * no longer blocks completion and is never claimed as work done: not in the credential, the
 * portfolio entry or its exports; what was handed in for it is left out with it.
 */
export function dropMilestone(
  db: Db,
  events: DomainEventBus,
  workspaceId: string,
  milestoneId: string,
  actorId: string,
  reason: string,
) {
  return transition(db, events, workspaceId, milestoneId, actorId, {
    step: 'dropped',
    comment: reason,
    from: ['open', 'submitted', 'changes_requested'],
    set: { status: 'dropped', reviewedAt: new Date(), comment: reason },
    notify: ['intern'],
    kind: 'milestone_dropped',
    title: (milestone, workspace) => `“${milestone}” was dropped from “${workspace}”`,
    body: reason,
  });
}
