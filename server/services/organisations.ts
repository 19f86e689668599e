import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { orgInvitations, orgSupervisors, organisations, users } from '../db/schema.ts';
import type { OrgAccess } from '../auth/permissions.ts';
import type { DomainEventBus } from '../events.ts';
import type { Organisation } from '../../shared/schemas/marketplace-views.ts';
import type { createOrgInput, updateOrgInput } from '../../shared/schemas/marketplace.ts';
import { isUuid } from '../../shared/ids.ts';
import { AppError, conflict } from '../errors.ts';
import { createNotifications } from './notifications.ts';
import { queueEmail } from '../mail/outbox.ts';
import { findUserByEmail } from './users.ts';

type OrgRow = typeof organisations.$inferSelect;

export async function getOrgAccess(db: Db, orgId: string, userId: string): Promise<OrgAccess | null> {
  if (!isUuid(orgId)) return null;
  const [row] = await db
    .select({ id: organisations.id, supervisor: orgSupervisors.userId })
    .from(organisations)
    .leftJoin(
      orgSupervisors,
      and(eq(orgSupervisors.orgId, organisations.id), eq(orgSupervisors.userId, userId)),
    )
    .where(eq(organisations.id, orgId));
  return row ? { orgId, isSupervisor: row.supervisor !== null } : null;
}

async function toOrganisation(db: Db, row: OrgRow, withTeam: boolean): Promise<Organisation> {
  const org: Organisation = {
    id: row.id,
    name: row.name,
    sector: row.sector,
    size: row.size,
    location: row.location,
    workMode: row.workMode,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
  };
  if (!withTeam) return org;
  org.supervisors = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(orgSupervisors)
    .innerJoin(users, eq(users.id, orgSupervisors.userId))
    .where(eq(orgSupervisors.orgId, row.id))
    .orderBy(asc(orgSupervisors.addedAt));
  org.invitations = await db
    .select({ id: orgInvitations.id, email: orgInvitations.email })
    .from(orgInvitations)
    .where(eq(orgInvitations.orgId, row.id));
  return org;
}

/** Registers a business partner; the person registering becomes its first supervisor. */
export async function registerOrganisation(
  db: Db,
  userId: string,
  input: z.output<typeof createOrgInput>,
): Promise<Organisation> {
  const row = await db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organisations)
      .values({ ...input, createdBy: userId })
      .returning();
    await tx.insert(orgSupervisors).values({ orgId: org!.id, userId });
    return org!;
  });
  return toOrganisation(db, row, true);
}

export async function updateOrganisation(
  db: Db,
  access: OrgAccess,
  input: z.output<typeof updateOrgInput>,
): Promise<Organisation> {
  const [row] = await db
    .update(organisations)
    .set(input)
    .where(eq(organisations.id, access.orgId))
    .returning();
  if (!row) throw new AppError(404, 'org_not_found', 'That organisation does not exist.');
  return toOrganisation(db, row, true);
}

export async function getOrganisation(db: Db, access: OrgAccess): Promise<Organisation> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, access.orgId));
  if (!row) throw new AppError(404, 'org_not_found', 'That organisation does not exist.');
  return toOrganisation(db, row, access.isSupervisor);
}

export async function listMyOrganisations(db: Db, userId: string): Promise<Organisation[]> {
  const rows = await db
    .select({ org: organisations })
    .from(orgSupervisors)
    .innerJoin(organisations, eq(organisations.id, orgSupervisors.orgId))
    .where(eq(orgSupervisors.userId, userId))
    .orderBy(asc(organisations.name));
  return Promise.all(rows.map((row) => toOrganisation(db, row.org, true)));
}

/**
 * Invites a colleague as co-supervisor: a supervisor account joins at once (and is notified); an
 * unknown email gets an invitation that is claimed when they sign up as a supervisor.
 */
export async function inviteSupervisor(
  db: Db,
  events: DomainEventBus,
  access: OrgAccess,
  email: string,
  invitedBy: string,
): Promise<{ status: 'added' | 'invited'; email: string; id: string }> {
  const user = await findUserByEmail(db, email);
  if (!user) {
    // The invitation and its email are written together: the email goes out once this commits.
    const invitation = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(orgInvitations)
        .values({ orgId: access.orgId, email, invitedBy })
        .onConflictDoUpdate({ target: [orgInvitations.orgId, orgInvitations.email], set: { invitedBy } })
        .returning();
      const [context] = await tx
        .select({ name: organisations.name, inviter: users.name })
        .from(organisations)
        .leftJoin(users, eq(users.id, invitedBy))
        .where(eq(organisations.id, access.orgId));
      await queueEmail(tx, {
        kind: 'invitation',
        to: { address: email, name: '' },
        data: {
          inviterName: context?.inviter ?? 'Someone',
          targetName: context?.name ?? 'an organisation',
          target: 'organisation',
          role: 'supervisor',
          path: `/signup?role=supervisor&email=${encodeURIComponent(email)}`,
        },
      });
      return row;
    });
    events.emit('mail:queued');
    return { status: 'invited', email, id: invitation!.id };
  }
  if (user.role !== 'supervisor' && user.role !== 'admin') {
    throw conflict('not_a_supervisor', `${user.name} has a ${user.role} account, not a supervisor one.`);
  }
  const [org] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, access.orgId));
  const push = await db.transaction(async (tx) => {
    const [added] = await tx
      .insert(orgSupervisors)
      .values({ orgId: access.orgId, userId: user.id })
      .onConflictDoNothing()
      .returning();
    if (!added)
      throw conflict('already_supervisor', `${user.name} already supervises for this organisation.`);
    return createNotifications(tx, events, [
      {
        userId: user.id,
        kind: 'org_invited',
        title: `You are now a supervisor for ${org?.name ?? 'an organisation'}`,
        link: `/orgs/${access.orgId}`,
      },
    ]);
  });
  push();
  return { status: 'added', email, id: user.id };
}

/** Turns pending co-supervisor invitations for this email into memberships (at signup). */
export async function claimOrgInvitations(
  db: Db,
  user: { id: string; email: string; role: string },
): Promise<void> {
  if (user.role !== 'supervisor') return;
  const invitations = await db
    .delete(orgInvitations)
    .where(eq(orgInvitations.email, user.email.toLowerCase()))
    .returning();
  if (invitations.length === 0) return;
  await db
    .insert(orgSupervisors)
    .values(invitations.map((invitation) => ({ orgId: invitation.orgId, userId: user.id })))
    .onConflictDoNothing();
}
