import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  accountTokens,
  applications,
  chatMessages,
  emailDigestItems,
  emailOutbox,
  emailPreferences,
  notifications,
  orgInvitations,
  orgSupervisors,
  portfolioEntries,
  portfolioHandles,
  sessions,
  studentProfiles,
  users,
  workspaceFeedback,
  workspaceInvitations,
  workspaceMembers,
} from '../../db/schema.ts';
import type { DomainEventBus } from '../../events.ts';
import { verifyPassword } from '../../auth/password.ts';
import { AppError } from '../../errors.ts';
import { findUserById, toPublicUser } from '../../auth/users.ts';

/** The name shown on chat messages and brief edits of someone who deleted their account. */
export const FORMER_MEMBER = 'Former member';

/** What `GET /api/me/export` answers: everything Stint holds that the person gave it. */
export async function exportAccountData(db: Db, userId: string) {
  const user = await findUserById(db, userId);
  if (!user) throw new AppError(404, 'not_found', 'That account does not exist.');
  const [profile] = await db.select().from(studentProfiles).where(eq(studentProfiles.userId, userId));
  const [handle] = await db.select().from(portfolioHandles).where(eq(portfolioHandles.userId, userId));
  return {
    exportedAt: new Date().toISOString(),
    account: toPublicUser(user),
    profile: profile ?? null,
    applications: await db.select().from(applications).where(eq(applications.studentId, userId)),
    messages: await db
      .select({
        id: chatMessages.id,
        workspaceId: chatMessages.workspaceId,
        body: chatMessages.body,
        createdAt: chatMessages.createdAt,
      })
      .from(chatMessages)
      .where(eq(chatMessages.authorId, userId))
      .orderBy(chatMessages.seq),
    portfolio: {
      handle: handle ?? null,
      entries: await db.select().from(portfolioEntries).where(eq(portfolioEntries.studentId, userId)),
    },
    feedbackGiven: await db.select().from(workspaceFeedback).where(eq(workspaceFeedback.authorId, userId)),
    emailPreferences: await db.select().from(emailPreferences).where(eq(emailPreferences.userId, userId)),
  };
}

/**
 * Deletes an account after checking its password. Personal data goes: profile, applications,
 * memberships, notifications, mail, tokens, the public portfolio handle, and the name and email
 * (the row stays, renamed "Former member" with an address nobody can sign in with, so chat messages
 * and brief edits keep an author). Credentials already issued stay verifiable: their signed
 * documents and status-list entries are not touched. Every session ends.
 */
export async function deleteAccount(db: Db, events: DomainEventBus, userId: string, password: string) {
  const user = await findUserById(db, userId);
  if (!user || !(await verifyPassword(password, user.passwordHash)))
    throw new AppError(403, 'wrong_password', 'That is not your current password.');
  const workspaceIds = await db.transaction(async (tx) => {
    const left = await tx
      .delete(workspaceMembers)
      .where(eq(workspaceMembers.userId, userId))
      .returning({ workspaceId: workspaceMembers.workspaceId });
    await tx.delete(orgSupervisors).where(eq(orgSupervisors.userId, userId));
    await tx.delete(studentProfiles).where(eq(studentProfiles.userId, userId));
    await tx.delete(applications).where(eq(applications.studentId, userId));
    await tx.delete(notifications).where(eq(notifications.userId, userId));
    await tx.delete(portfolioHandles).where(eq(portfolioHandles.userId, userId));
    await tx.delete(emailOutbox).where(eq(emailOutbox.userId, userId));
    await tx.delete(emailDigestItems).where(eq(emailDigestItems.userId, userId));
    await tx.delete(emailPreferences).where(eq(emailPreferences.userId, userId));
    await tx.delete(accountTokens).where(eq(accountTokens.userId, userId));
    await tx
      .delete(workspaceInvitations)
      .where(sql`lower(${workspaceInvitations.email}) = ${user.email.toLowerCase()}`);
    await tx.delete(orgInvitations).where(sql`lower(${orgInvitations.email}) = ${user.email.toLowerCase()}`);
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx
      .update(users)
      .set({
        name: FORMER_MEMBER,
        email: `deleted-${userId}@deleted.invalid`,
        passwordHash: '!deleted',
        emailConfirmedAt: null,
      })
      .where(eq(users.id, userId));
    return left.map((row) => row.workspaceId);
  });
  events.emit('sessions:ended', { userId, sessionIds: 'all' });
  for (const workspaceId of workspaceIds) events.emit('membership:removed', { workspaceId, userId });
}
