import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  chatMessages,
  documentSnapshots,
  users,
  workspaceInvitations,
  workspaceMembers,
  workspaces,
} from '../../db/schema.ts';
import type { WorkspaceAccess } from '../../auth/permissions.ts';
import type { DomainEventBus } from '../../events.ts';
import type { WorkspaceRight, WorkspaceRole } from '../../../shared/workspace-roles.ts';
import type {
  WorkspaceDetail,
  WorkspaceInvitation,
  WorkspaceMember,
  WorkspaceSummary,
} from '../../../shared/schemas/workspaces.ts';
import { createInitialDocument, defaultBrief, type InitialDocument } from './brief-builder.ts';
import { isUuid } from '../../../shared/ids.ts';
import { AppError, conflict } from '../../errors.ts';
import { beforeCursor, readCursor, toPage } from '../../db/pagination.ts';
import type { PageQuery } from '../../../shared/schemas/pagination.ts';

/** The caller's standing in a workspace: null when the workspace does not exist. */
export async function getWorkspaceAccess(
  db: Db,
  workspaceId: string,
  userId: string,
): Promise<WorkspaceAccess | null> {
  if (!isUuid(workspaceId)) return null;
  const [row] = await db
    .select({ status: workspaces.status, role: workspaceMembers.role })
    .from(workspaces)
    .leftJoin(
      workspaceMembers,
      and(eq(workspaceMembers.workspaceId, workspaces.id), eq(workspaceMembers.userId, userId)),
    )
    .where(eq(workspaces.id, workspaceId));
  return row ? { workspaceId, status: row.status, role: row.role } : null;
}

export interface NewWorkspace {
  title: string;
  createdBy: string;
  /** Everyone who starts as a member; the creator is added as supervisor if not listed. */
  members?: { userId: string; role: WorkspaceRole }[];
  document?: InitialDocument;
}

/**
 * Creates the workspace, its members and its document's starting layout together. Runs inside the
 * caller's transaction when given one (accepting an application does), so no half-made workspace
 * can exist.
 */
export async function createWorkspace(db: Db, input: NewWorkspace): Promise<{ id: string }> {
  const state = createInitialDocument(input.document ?? { brief: defaultBrief() });
  const members = new Map((input.members ?? []).map((member) => [member.userId, member.role]));
  if (!members.has(input.createdBy)) members.set(input.createdBy, 'supervisor');
  return db.transaction(async (tx) => {
    const [workspace] = await tx
      .insert(workspaces)
      .values({ title: input.title, createdBy: input.createdBy })
      .returning();
    if (!workspace) throw new Error('workspace insert returned nothing');
    await tx
      .insert(workspaceMembers)
      .values([...members].map(([userId, role]) => ({ workspaceId: workspace.id, userId, role })));
    await tx.insert(documentSnapshots).values({ workspaceId: workspace.id, state });
    return { id: workspace.id };
  });
}

export async function listMembers(db: Db, workspaceId: string): Promise<WorkspaceMember[]> {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: workspaceMembers.role })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(eq(workspaceMembers.workspaceId, workspaceId))
    .orderBy(asc(workspaceMembers.addedAt), asc(users.name));
}

async function listInvitations(db: Db, workspaceId: string): Promise<WorkspaceInvitation[]> {
  const rows = await db
    .select({
      id: workspaceInvitations.id,
      email: workspaceInvitations.email,
      role: workspaceInvitations.role,
    })
    .from(workspaceInvitations)
    .where(eq(workspaceInvitations.workspaceId, workspaceId))
    .orderBy(asc(workspaceInvitations.createdAt));
  return rows.map((row) => ({ ...row, status: 'pending' as const }));
}

/** What the caller was granted, decided by the permission module before this is called. */
export interface DetailGrant {
  rights: WorkspaceRight[];
  withInvitations: boolean;
}

export async function getWorkspaceDetail(
  db: Db,
  access: WorkspaceAccess,
  grant: DetailGrant,
): Promise<WorkspaceDetail> {
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, access.workspaceId));
  if (!workspace || !access.role)
    throw new AppError(404, 'workspace_not_found', 'That workspace does not exist.');
  return {
    id: workspace.id,
    title: workspace.title,
    status: workspace.status,
    createdAt: workspace.createdAt.toISOString(),
    completedAt: workspace.completedAt?.toISOString() ?? null,
    myRole: access.role,
    myRights: grant.rights,
    members: await listMembers(db, workspace.id),
    invitations: grant.withInvitations ? await listInvitations(db, workspace.id) : [],
  };
}

/** The caller's workspaces, newest first, a page at a time, each with how many chat messages they have not read. */
export async function listMyWorkspaces(
  db: Db,
  userId: string,
  page: PageQuery,
): Promise<{ items: WorkspaceSummary[]; next: string | null }> {
  const unread = sql<number>`(
    select count(*)::int from ${chatMessages}
    where ${chatMessages.workspaceId} = ${workspaces.id}
      and ${chatMessages.seq} > ${workspaceMembers.lastReadSeq}
      and ${chatMessages.authorId} <> ${userId}
  )`;
  const rows = await db
    .select({
      id: workspaces.id,
      title: workspaces.title,
      status: workspaces.status,
      createdAt: workspaces.createdAt,
      myRole: workspaceMembers.role,
      unread,
    })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(
      and(
        eq(workspaceMembers.userId, userId),
        beforeCursor(workspaces.createdAt, workspaces.id, readCursor(page.cursor)),
      ),
    )
    .orderBy(desc(workspaces.createdAt), desc(workspaces.id))
    .limit(page.limit + 1);
  return toPage(rows, page.limit, (row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

/**
 * Removes a member and announces it, so the live layer closes their connections at once. The last
 * supervisor cannot be removed: a workspace always has someone who can manage it.
 */
export async function removeMember(
  db: Db,
  events: DomainEventBus,
  access: WorkspaceAccess,
  userId: string,
): Promise<void> {
  if (!isUuid(userId))
    throw new AppError(404, 'member_not_found', 'That person is not a member of this workspace.');
  await db.transaction(async (tx) => {
    const [member] = await tx
      .select({ role: workspaceMembers.role })
      .from(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, access.workspaceId), eq(workspaceMembers.userId, userId)))
      .for('update');
    if (!member)
      throw new AppError(404, 'member_not_found', 'That person is not a member of this workspace.');
    if (member.role === 'supervisor') {
      const [others] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(workspaceMembers)
        .where(
          and(
            eq(workspaceMembers.workspaceId, access.workspaceId),
            eq(workspaceMembers.role, 'supervisor'),
            ne(workspaceMembers.userId, userId),
          ),
        );
      if ((others?.n ?? 0) === 0)
        throw conflict('last_supervisor', 'A workspace needs at least one supervisor.');
    }
    await tx
      .delete(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, access.workspaceId), eq(workspaceMembers.userId, userId)));
  });
  events.emit('membership:removed', { workspaceId: access.workspaceId, userId });
}

export async function removeInvitation(db: Db, access: WorkspaceAccess, invitationId: string): Promise<void> {
  if (!isUuid(invitationId))
    throw new AppError(404, 'invitation_not_found', 'That invitation does not exist.');
  const deleted = await db
    .delete(workspaceInvitations)
    .where(
      and(
        eq(workspaceInvitations.id, invitationId),
        eq(workspaceInvitations.workspaceId, access.workspaceId),
      ),
    )
    .returning({ id: workspaceInvitations.id });
  if (deleted.length === 0)
    throw new AppError(404, 'invitation_not_found', 'That invitation does not exist.');
}
