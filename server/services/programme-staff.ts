import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { programmeStaff, programmeStaffInvitations, users } from '../db/schema.ts';
import type { ProgrammeAccess } from '../auth/permissions.ts';
import type { ProgrammeStaffMember } from '../../shared/schemas/programmes.ts';
import { conflict } from '../errors.ts';
import { findUserByEmail } from './users.ts';

export async function listProgrammeStaff(
  db: Db,
  access: ProgrammeAccess,
): Promise<{
  staff: ProgrammeStaffMember[];
  invitations: { id: string; email: string; createdAt: string }[];
}> {
  const staff = await db
    .select({ id: users.id, name: users.name, email: users.email, addedAt: programmeStaff.addedAt })
    .from(programmeStaff)
    .innerJoin(users, eq(users.id, programmeStaff.userId))
    .where(eq(programmeStaff.programmeId, access.programmeId))
    .orderBy(asc(programmeStaff.addedAt));
  const invitations = await db
    .select()
    .from(programmeStaffInvitations)
    .where(eq(programmeStaffInvitations.programmeId, access.programmeId))
    .orderBy(asc(programmeStaffInvitations.createdAt));
  return {
    staff: staff.map((row) => ({ ...row, addedAt: row.addedAt.toISOString() })),
    invitations: invitations.map((row) => ({
      id: row.id,
      email: row.email,
      createdAt: row.createdAt.toISOString(),
    })),
  };
}

/**
 * Makes someone programme staff: an existing account at once; an unknown email gets an invitation
 * that turns into staff membership the first time that person signs in and opens their programmes.
 */
export async function inviteProgrammeStaff(
  db: Db,
  access: ProgrammeAccess,
  email: string,
  invitedBy: string,
): Promise<{ id: string; status: 'added' | 'invited'; email: string }> {
  const user = await findUserByEmail(db, email);
  if (!user) {
    const [invitation] = await db
      .insert(programmeStaffInvitations)
      .values({ programmeId: access.programmeId, email, invitedBy })
      .onConflictDoUpdate({
        target: [programmeStaffInvitations.programmeId, programmeStaffInvitations.email],
        set: { invitedBy, createdAt: new Date() },
      })
      .returning();
    return { id: invitation!.id, status: 'invited', email };
  }
  const [added] = await db
    .insert(programmeStaff)
    .values({ programmeId: access.programmeId, userId: user.id, addedBy: invitedBy })
    .onConflictDoNothing()
    .returning();
  if (!added) throw conflict('already_staff', `${user.name} is already on this programme’s staff.`);
  return { id: user.id, status: 'added', email };
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
