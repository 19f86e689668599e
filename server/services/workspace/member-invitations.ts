import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { pageInMemory, type Page } from '../../db/pagination.ts';
import type { PageQuery } from '../../../shared/schemas/pagination.ts';
import {
  orgInvitations,
  orgSupervisors,
  organisations,
  users,
  workspaceInvitations,
  workspaceMembers,
  workspaces,
} from '../../db/schema.ts';
import type { OrgAccess, WorkspaceAccess } from '../../auth/permissions.ts';
import type { DomainEventBus } from '../../events.ts';
import type { WorkspaceRole } from '../../../shared/workspace-roles.ts';
import type { WorkspaceInvitation } from '../../../shared/schemas/workspaces.ts';
import { AppError, conflict } from '../../errors.ts';
import { queueEmail } from '../../mail/outbox.ts';
import { createNotifications } from '../accounts/notifications.ts';
import { findUserByEmail } from '../../auth/users.ts';

/**
 * Adding someone to a workspace or an organisation is an invitation they accept or decline. The
 * answer to the inviter is the same whether or not the address has an account, so inviting cannot
 * be used to find out who uses Stint:
 * - a confirmed account gets a notification (accept / decline on /invitations) and an email;
 * - an unconfirmed account gets nothing yet: its invitations are delivered when it confirms the
 *   address, so nobody can use an address they do not own to receive someone else's invitations;
 * - an address with no account gets an email with a signup link; after signing up and confirming,
 *   the invitation waits on /invitations.
 */

export interface PendingInvitation {
  id: string;
  target: 'workspace' | 'organisation';
  targetId: string;
  targetName: string;
  email: string;
  role: WorkspaceRole | 'supervisor';
  inviterName: string;
  createdAt: string;
}

interface Recipient {
  id: string;
  email: string;
  name: string;
  emailConfirmedAt: Date | null;
}

/** Tells the invited person, as far as their account allows (see the module comment). */
async function deliver(
  db: Db | Tx,
  events: DomainEventBus,
  invitation: PendingInvitation,
  recipient: Recipient | undefined,
): Promise<() => void> {
  if (recipient && !recipient.emailConfirmedAt) return () => {};
  const where =
    invitation.target === 'workspace'
      ? `“${invitation.targetName}” as ${invitation.role}`
      : `${invitation.targetName} as a supervisor`;
  const path = recipient
    ? '/invitations'
    : invitation.target === 'workspace'
      ? `/signup?email=${encodeURIComponent(invitation.email)}`
      : `/signup?role=supervisor&email=${encodeURIComponent(invitation.email)}`;
  await queueEmail(db, {
    kind: 'invitation',
    to: { address: recipient?.email ?? invitation.email, name: recipient?.name ?? '', userId: recipient?.id },
    data: {
      inviterName: invitation.inviterName,
      targetName: invitation.targetName,
      target: invitation.target,
      role: invitation.role,
      path,
    },
  });
  if (!recipient) return () => events.emit('mail:queued');
  const push = await createNotifications(db, events, [
    {
      userId: recipient.id,
      kind: invitation.target === 'workspace' ? 'workspace_invited' : 'org_invited',
      title: `${invitation.inviterName} invites you to ${where}`,
      body: 'Accept or decline the invitation.',
      link: '/invitations',
    },
  ]);
  return () => {
    push();
    events.emit('mail:queued');
  };
}

async function recipientFor(db: Db | Tx, email: string): Promise<Recipient | undefined> {
  const user = await findUserByEmail(db as Db, email);
  return user
    ? { id: user.id, email: user.email, name: user.name, emailConfirmedAt: user.emailConfirmedAt }
    : undefined;
}

const workspaceInvitationColumns = {
  id: workspaceInvitations.id,
  targetId: workspaceInvitations.workspaceId,
  targetName: workspaces.title,
  email: workspaceInvitations.email,
  role: workspaceInvitations.role,
  inviterName: sql<string>`coalesce(${users.name}, 'Someone')`,
  createdAt: workspaceInvitations.createdAt,
};

const orgInvitationColumns = {
  id: orgInvitations.id,
  targetId: orgInvitations.orgId,
  targetName: organisations.name,
  email: orgInvitations.email,
  inviterName: sql<string>`coalesce(${users.name}, 'Someone')`,
  createdAt: orgInvitations.createdAt,
};

function workspaceInvitationsWhere(db: Db | Tx, condition: ReturnType<typeof eq>) {
  return db
    .select(workspaceInvitationColumns)
    .from(workspaceInvitations)
    .innerJoin(workspaces, eq(workspaces.id, workspaceInvitations.workspaceId))
    .leftJoin(users, eq(users.id, workspaceInvitations.invitedBy))
    .where(condition);
}

function orgInvitationsWhere(db: Db | Tx, condition: ReturnType<typeof eq>) {
  return db
    .select(orgInvitationColumns)
    .from(orgInvitations)
    .innerJoin(organisations, eq(organisations.id, orgInvitations.orgId))
    .leftJoin(users, eq(users.id, orgInvitations.invitedBy))
    .where(condition);
}

type WorkspaceInvitationRow = Awaited<ReturnType<typeof workspaceInvitationsWhere>>[number];
type OrgInvitationRow = Awaited<ReturnType<typeof orgInvitationsWhere>>[number];

const fromWorkspaceRow = (row: WorkspaceInvitationRow): PendingInvitation => ({
  ...row,
  target: 'workspace',
  createdAt: row.createdAt.toISOString(),
});
const fromOrgRow = (row: OrgInvitationRow): PendingInvitation => ({
  ...row,
  target: 'organisation',
  role: 'supervisor',
  createdAt: row.createdAt.toISOString(),
});

/** Invites an address to the workspace; the answer is the same for every address. */
export async function inviteToWorkspace(
  db: Db,
  events: DomainEventBus,
  access: WorkspaceAccess,
  input: { email: string; role: WorkspaceRole },
  invitedBy: string,
): Promise<WorkspaceInvitation> {
  const email = input.email.toLowerCase();
  const { invitation, push } = await db.transaction(async (tx) => {
    const recipient = await recipientFor(tx, email);
    if (recipient) {
      // Members are listed to whoever may invite, so saying so reveals nothing new.
      const [member] = await tx
        .select({ role: workspaceMembers.role })
        .from(workspaceMembers)
        .where(
          and(
            eq(workspaceMembers.workspaceId, access.workspaceId),
            eq(workspaceMembers.userId, recipient.id),
          ),
        );
      if (member) throw conflict('already_member', 'This person is already a member of this workspace.');
    }
    const [row] = await tx
      .insert(workspaceInvitations)
      .values({ workspaceId: access.workspaceId, email, role: input.role, invitedBy })
      .onConflictDoUpdate({
        target: [workspaceInvitations.workspaceId, workspaceInvitations.email],
        set: { role: input.role, invitedBy },
      })
      .returning({ id: workspaceInvitations.id });
    const [pending] = await workspaceInvitationsWhere(tx, eq(workspaceInvitations.id, row!.id));
    const push = await deliver(tx, events, fromWorkspaceRow(pending!), recipient);
    return { invitation: { id: row!.id, email, role: input.role, status: 'pending' as const }, push };
  });
  push();
  return invitation;
}

/** Invites an address to supervise for the organisation; the answer is the same for every address. */
export async function inviteToOrganisation(
  db: Db,
  events: DomainEventBus,
  access: OrgAccess,
  emailInput: string,
  invitedBy: string,
): Promise<{ id: string; email: string; status: 'invited' }> {
  const email = emailInput.toLowerCase();
  const { id, push } = await db.transaction(async (tx) => {
    const recipient = await recipientFor(tx, email);
    if (recipient) {
      const [already] = await tx
        .select({ userId: orgSupervisors.userId })
        .from(orgSupervisors)
        .where(and(eq(orgSupervisors.orgId, access.orgId), eq(orgSupervisors.userId, recipient.id)));
      if (already)
        throw conflict('already_supervisor', 'This person already supervises for this organisation.');
    }
    const [row] = await tx
      .insert(orgInvitations)
      .values({ orgId: access.orgId, email, invitedBy })
      .onConflictDoUpdate({ target: [orgInvitations.orgId, orgInvitations.email], set: { invitedBy } })
      .returning({ id: orgInvitations.id });
    const [pending] = await orgInvitationsWhere(tx, eq(orgInvitations.id, row!.id));
    return { id: row!.id, push: await deliver(tx, events, fromOrgRow(pending!), recipient) };
  });
  push();
  return { id, email, status: 'invited' };
}

/** Sends again an invitation still pending (the reminders job does, once). */
export async function redeliverInvitation(
  db: Db | Tx,
  events: DomainEventBus,
  invitation: PendingInvitation,
) {
  return deliver(db, events, invitation, await recipientFor(db, invitation.email));
}

/** Once an address is confirmed, the invitations waiting for it reach its owner. */
export async function deliverWaitingInvitations(
  tx: Tx,
  events: DomainEventBus,
  user: Recipient,
): Promise<() => void> {
  const waiting = await invitationsFor(tx, user.email);
  const pushes: (() => void)[] = [];
  for (const invitation of waiting) pushes.push(await deliver(tx, events, invitation, user));
  return () => pushes.forEach((push) => push());
}

async function invitationsFor(db: Db | Tx, email: string): Promise<PendingInvitation[]> {
  const address = email.toLowerCase();
  const [inWorkspaces, inOrgs] = await Promise.all([
    workspaceInvitationsWhere(db, eq(workspaceInvitations.email, address)),
    orgInvitationsWhere(db, eq(orgInvitations.email, address)),
  ]);
  return [...inWorkspaces.map(fromWorkspaceRow), ...inOrgs.map(fromOrgRow)].sort((a, b) =>
    b.createdAt.localeCompare(a.createdAt),
  );
}

/** The invitations waiting for the caller: none until their address is confirmed. */
export async function listMyInvitations(
  db: Db,
  user: { email: string; emailConfirmed?: boolean },
  page: PageQuery,
): Promise<Page<PendingInvitation>> {
  // Two tables, and only the pending invitations of one address: merged and cut in memory.
  const waiting = user.emailConfirmed === true ? await invitationsFor(db, user.email) : [];
  return pageInMemory(waiting, page, (invitation) => ({
    createdAt: new Date(invitation.createdAt),
    id: invitation.id,
  }));
}

/** One invitation by id, of either kind (ids are UUIDs, unique across both). */
export async function findInvitation(db: Db, id: string): Promise<PendingInvitation | null> {
  const [workspaceRow] = await workspaceInvitationsWhere(db, eq(workspaceInvitations.id, id));
  if (workspaceRow) return fromWorkspaceRow(workspaceRow);
  const [orgRow] = await orgInvitationsWhere(db, eq(orgInvitations.id, id));
  return orgRow ? fromOrgRow(orgRow) : null;
}

export const invitationNotFound = () =>
  new AppError(404, 'invitation_not_found', 'That invitation does not exist.');

/** Makes a membership directly (accepting an invitation; the demo seed). */
export async function addMembership(db: Db | Tx, workspaceId: string, userId: string, role: WorkspaceRole) {
  await db.insert(workspaceMembers).values({ workspaceId, userId, role }).onConflictDoNothing();
}

/** The invited person says yes: they join, and the invitation is used up. */
export async function acceptInvitation(
  db: Db,
  invitation: PendingInvitation,
  user: { id: string; role: string },
): Promise<{ workspaceId: string } | { orgId: string }> {
  return db.transaction(async (tx) => {
    if (invitation.target === 'workspace') {
      const deleted = await tx
        .delete(workspaceInvitations)
        .where(eq(workspaceInvitations.id, invitation.id))
        .returning({ id: workspaceInvitations.id });
      if (deleted.length === 0) throw invitationNotFound();
      await addMembership(tx, invitation.targetId, user.id, invitation.role as WorkspaceRole);
      return { workspaceId: invitation.targetId };
    }
    if (user.role !== 'supervisor' && user.role !== 'admin')
      throw conflict('not_a_supervisor', 'Only a supervisor account can supervise for an organisation.');
    const deleted = await tx
      .delete(orgInvitations)
      .where(eq(orgInvitations.id, invitation.id))
      .returning({ id: orgInvitations.id });
    if (deleted.length === 0) throw invitationNotFound();
    await tx
      .insert(orgSupervisors)
      .values({ orgId: invitation.targetId, userId: user.id })
      .onConflictDoNothing();
    return { orgId: invitation.targetId };
  });
}

/** The invited person says no: the invitation is gone. */
export async function declineInvitation(db: Db, invitation: PendingInvitation): Promise<void> {
  const table = invitation.target === 'workspace' ? workspaceInvitations : orgInvitations;
  const deleted = await db.delete(table).where(eq(table.id, invitation.id)).returning({ id: table.id });
  if (deleted.length === 0) throw invitationNotFound();
}
