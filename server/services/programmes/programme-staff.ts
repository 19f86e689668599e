import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { programmeStaff, programmeStaffInvitations, programmes, users } from '../../db/schema.ts';
import type { ProgrammeAccess } from '../../auth/permissions.ts';
import type { DomainEventBus } from '../../events.ts';
import { queueEmail } from '../../mail/outbox.ts';
import type { ProgrammeStaffMember } from '../../../shared/schemas/programmes.ts';
import { isUuid } from '../../../shared/ids.ts';
import { AppError, conflict } from '../../errors.ts';
import { findUserByEmail } from '../../auth/users.ts';
import { recordAudit } from './moderation-audit.ts';
import { afterCursor, readCursor, toPage, toPageAt, type Page } from '../../db/pagination.ts';
import type { PageQuery } from '../../../shared/schemas/pagination.ts';
import type { Actor } from './programme-moderation.ts';

/** A page of the programme's staff, longest-serving first on (added, user id). */
export async function listProgrammeStaff(
  db: Db,
  access: ProgrammeAccess,
  page: PageQuery,
): Promise<Page<ProgrammeStaffMember>> {
  const cursor = readCursor(page.cursor);
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, addedAt: programmeStaff.addedAt })
    .from(programmeStaff)
    .innerJoin(users, eq(users.id, programmeStaff.userId))
    .where(
      and(
        eq(programmeStaff.programmeId, access.programmeId),
        afterCursor(programmeStaff.addedAt, programmeStaff.userId, cursor),
      ),
    )
    .orderBy(asc(programmeStaff.addedAt), asc(programmeStaff.userId))
    .limit(page.limit + 1);
  return toPageAt(
    rows,
    page.limit,
    (row) => ({ createdAt: row.addedAt, id: row.id }),
    (row) => ({ ...row, addedAt: row.addedAt.toISOString() }),
  );
}

/** A page of the invitations to the staff not yet taken up, oldest first on (sent, id). */
export async function listStaffInvitations(
  db: Db,
  access: ProgrammeAccess,
  page: PageQuery,
): Promise<Page<{ id: string; email: string; createdAt: string }>> {
  const cursor = readCursor(page.cursor);
  const rows = await db
    .select()
    .from(programmeStaffInvitations)
    .where(
      and(
        eq(programmeStaffInvitations.programmeId, access.programmeId),
        afterCursor(programmeStaffInvitations.createdAt, programmeStaffInvitations.id, cursor),
      ),
    )
    .orderBy(asc(programmeStaffInvitations.createdAt), asc(programmeStaffInvitations.id))
    .limit(page.limit + 1);
  return toPage(rows, page.limit, (row) => ({
    id: row.id,
    email: row.email,
    createdAt: row.createdAt.toISOString(),
  }));
}

/**
 * Makes someone programme staff: an existing account at once; an unknown email gets an invitation
 * (emailed through the outbox) that turns into staff membership the first time that person signs in
 * and opens their programmes. Either way the audit log records who did it.
 */
export async function inviteProgrammeStaff(
  db: Db,
  events: DomainEventBus,
  access: ProgrammeAccess,
  email: string,
  actor: Actor,
): Promise<{ id: string; status: 'added' | 'invited'; email: string }> {
  const user = await findUserByEmail(db, email);
  const result = await db.transaction(async (tx) => {
    if (!user) {
      const [invitation] = await tx
        .insert(programmeStaffInvitations)
        .values({ programmeId: access.programmeId, email, invitedBy: actor.id })
        .onConflictDoUpdate({
          target: [programmeStaffInvitations.programmeId, programmeStaffInvitations.email],
          set: { invitedBy: actor.id, createdAt: new Date() },
        })
        .returning();
      await emailStaffInvitation(tx, access.programmeId, email, actor);
      await recordAudit(tx, {
        programmeId: access.programmeId,
        actor,
        action: 'staff_invited',
        target: { type: 'invitation', id: invitation!.id, label: email },
        reason: 'Invited to the programme’s staff',
      });
      return { id: invitation!.id, status: 'invited' as const, email };
    }
    const [added] = await tx
      .insert(programmeStaff)
      .values({ programmeId: access.programmeId, userId: user.id, addedBy: actor.id })
      .onConflictDoNothing()
      .returning();
    if (!added) throw conflict('already_staff', `${user.name} is already on this programme’s staff.`);
    await recordAudit(tx, {
      programmeId: access.programmeId,
      actor,
      action: 'staff_added',
      target: { type: 'person', id: user.id, label: user.name },
      reason: 'Made programme staff',
    });
    return { id: user.id, status: 'added' as const, email };
  });
  if (result.status === 'invited') events.emit('mail:queued');
  return result;
}

async function emailStaffInvitation(tx: Tx, programmeId: string, email: string, actor: Actor) {
  const [programme] = await tx
    .select({ name: programmes.name })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  await queueEmail(tx, {
    kind: 'programme_staff_invitation',
    to: { address: email, name: '' },
    data: { inviterName: actor.name, programmeName: programme?.name ?? 'a programme', email },
  });
}

/** Sends a pending staff invitation's email again (someone lost it), and records that it was sent. */
export async function resendStaffInvitation(
  db: Db,
  events: DomainEventBus,
  access: ProgrammeAccess,
  invitationId: string,
  actor: Actor,
): Promise<{ id: string; email: string }> {
  const notFound = () => new AppError(404, 'invitation_not_found', 'That invitation is not pending.');
  if (!isUuid(invitationId)) throw notFound();
  const invitation = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(programmeStaffInvitations)
      .set({ createdAt: new Date() })
      .where(
        and(
          eq(programmeStaffInvitations.id, invitationId),
          eq(programmeStaffInvitations.programmeId, access.programmeId),
        ),
      )
      .returning();
    if (!row) throw notFound();
    await emailStaffInvitation(tx, access.programmeId, row.email, actor);
    await recordAudit(tx, {
      programmeId: access.programmeId,
      actor,
      action: 'staff_invitation_resent',
      target: { type: 'invitation', id: row.id, label: row.email },
      reason: 'Sent the staff invitation again',
    });
    return row;
  });
  events.emit('mail:queued');
  return { id: invitation.id, email: invitation.email };
}

/** Turns pending staff invitations for this email into staff membership. */
export async function claimStaffInvitations(db: Db, user: { id: string; email: string }): Promise<void> {
  const invitations = await db
    .delete(programmeStaffInvitations)
    .where(eq(programmeStaffInvitations.email, user.email.toLowerCase()))
    .returning();
  if (invitations.length === 0) return;
  await db
    .insert(programmeStaff)
    .values(
      invitations.map((invitation) => ({
        programmeId: invitation.programmeId,
        userId: user.id,
        addedBy: invitation.invitedBy,
      })),
    )
    .onConflictDoNothing();
}
