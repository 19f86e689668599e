import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import {
  completionReopenings,
  deliverables,
  organisations,
  orgSupervisors,
  portfolioEntries,
  projects,
  users,
  workspaceCompletions,
  workspaceMembers,
  workspaceMilestones,
  workspaces,
} from '../../db/schema.ts';
import type { WorkspaceAccess } from '../../auth/permissions.ts';
import type { DomainEventBus } from '../../events.ts';
import type {
  CompletionReopening,
  completeWorkspaceInput,
  WorkspaceCompletion,
} from '../../../shared/schemas/portfolio.ts';
import { completedTasks } from '../../portfolio/board-tasks.ts';
import { newShareToken } from '../../portfolio/handles.ts';
import { portfolioNotice } from './notices.ts';
import { loadDocument } from '../live/doc-store.ts';
import { AppError, conflict } from '../../errors.ts';
import type { LiveDocuments } from '../live/live-documents.ts';
import { createNotifications } from '../accounts/notifications.ts';
import { ensureHandle, loadEntries } from './portfolio.ts';
import { issueEntryCredential, revokeWorkspaceCredentials, type IssuerProfile } from './credentials.ts';
import { memberIds } from '../workspace/milestones.ts';
import { getIssuer } from '../../portfolio/credentials/issuer.ts';
import { resolveTaxonomySkills, skillLabel } from '../marketplace/skills.ts';
import { saveVersion } from '../workspace/versions.ts';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Who the work was for: the project's organisation, or for a workspace opened directly, the
 * organisation its creator supervises (else the creator's own name).
 */
async function workspaceOrigin(db: Db, workspace: typeof workspaces.$inferSelect) {
  if (workspace.projectId) {
    const [project] = await db
      .select({ skills: projects.skills, orgName: organisations.name })
      .from(projects)
      .innerJoin(organisations, eq(organisations.id, projects.orgId))
      .where(eq(projects.id, workspace.projectId));
    if (project) return { organisation: project.orgName, projectSkills: project.skills };
  }
  if (!workspace.createdBy) return { organisation: '', projectSkills: null };
  const [org] = await db
    .select({ name: organisations.name })
    .from(orgSupervisors)
    .innerJoin(organisations, eq(organisations.id, orgSupervisors.orgId))
    .where(eq(orgSupervisors.userId, workspace.createdBy))
    .orderBy(asc(orgSupervisors.addedAt))
    .limit(1);
  const [creator] = await db
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, workspace.createdBy));
  return { organisation: org?.name ?? creator?.name ?? '', projectSkills: null };
}

/**
 * Completion signs off the milestones, so each must be settled first: accepted, or dropped by a
 * supervisor with a reason. Answers the accepted ones, the only milestones the record claims.
 */
async function settledMilestones(tx: Db, workspaceId: string): Promise<string[]> {
  const rows = await tx
    .select({
      id: workspaceMilestones.id,
      title: workspaceMilestones.title,
      status: workspaceMilestones.status,
    })
    .from(workspaceMilestones)
    .where(eq(workspaceMilestones.workspaceId, workspaceId))
    .orderBy(asc(workspaceMilestones.position));
  const unsettled = rows.filter((row) => row.status !== 'accepted' && row.status !== 'dropped');
  if (unsettled.length > 0) {
    throw new AppError(
      409,
      'milestones_open',
      `Accept or drop every milestone before completing; still open: ${unsettled.map((row) => `“${row.title}”`).join(', ')}.`,
      { open: unsettled.map(({ id, title, status }) => ({ id, title, status })) },
    );
  }
  return rows.filter((row) => row.status === 'accepted').map((row) => row.id);
}

/**
 * Ends a workspace. Refused (409 `milestones_open`) while a milestone is neither accepted nor
 * dropped. In one transaction: it is marked completed, the brief is saved as the automatic
 * version "Completed", the supervisor's endorsement and verified skills are stored, and every intern
 * gets a portfolio entry (the board's done tasks copied in for the student to choose from) and its signed credential. After commit the live layer is told,
 * and turns every open connection read-only.
 */
export async function completeWorkspace(
  db: Db,
  documents: LiveDocuments,
  events: DomainEventBus,
  access: WorkspaceAccess,
  supervisorId: string,
  input: z.output<typeof completeWorkspaceInput>,
  credentials: { origin: string; profile: IssuerProfile },
): Promise<WorkspaceCompletion> {
  const workspaceId = access.workspaceId;
  const skills = resolveTaxonomySkills(input.skills);
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!workspace) throw new AppError(404, 'workspace_not_found', 'That workspace does not exist.');
  const { organisation, projectSkills } = await workspaceOrigin(db, workspace);
  if (projectSkills) {
    const offered = new Set(projectSkills.map((need) => need.skillId));
    const outside = skills.filter((skill) => !offered.has(skill.skillId)).map((s) => skillLabel(s.skillId));
    if (outside.length > 0) {
      throw new AppError(
        400,
        'skill_not_in_project',
        `Only the project’s skills can be verified; not: ${outside.join(', ')}.`,
        { outside },
      );
    }
  }
  const startDate = input.startDate ?? workspace.createdAt.toISOString().slice(0, 10);
  const endDate = input.endDate ?? today();
  if (endDate < startDate)
    throw new AppError(400, 'validation_failed', 'endDate: the end date must not be before the start date.');

  const issuer = await getIssuer(db);
  // The saved version must hold every edit already relayed.
  if (documents.isLoaded(workspaceId)) await documents.flushDocument(workspaceId);

  const { completion, push } = await db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ status: workspaces.status })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId))
      .for('update');
    if (locked?.status !== 'active')
      throw conflict('already_completed', 'This workspace is already completed.');
    const interns = await tx
      .select({ id: users.id, name: users.name })
      .from(workspaceMembers)
      .innerJoin(users, eq(users.id, workspaceMembers.userId))
      .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.role, 'intern')));
    if (interns.length === 0) throw conflict('no_intern', 'A workspace needs an intern to be completed.');
    const accepted = await settledMilestones(tx, workspaceId);

    const completedAt = new Date();
    await tx
      .update(workspaces)
      .set({ status: 'completed', completedAt })
      .where(eq(workspaces.id, workspaceId));
    await saveVersion(tx, { workspaceId, label: 'Completed', createdBy: supervisorId, automatic: true });
    const { doc } = await loadDocument(tx, workspaceId);
    const tasks = completedTasks(doc);
    doc.destroy();
    await tx.insert(workspaceCompletions).values({
      workspaceId,
      endorsement: input.endorsement,
      skills,
      startDate,
      endDate,
      completedBy: supervisorId,
    });
    // Only what was handed in for accepted milestones; a dropped milestone's work is no achievement.
    const handedIn =
      accepted.length === 0
        ? []
        : await tx
            .select({ id: deliverables.id })
            .from(deliverables)
            .where(
              and(eq(deliverables.workspaceId, workspaceId), inArray(deliverables.milestoneId, accepted)),
            )
            .orderBy(asc(deliverables.createdAt));
    const entries = [];
    for (const intern of interns) {
      await ensureHandle(tx, intern.id, intern.name);
      const copied = {
        title: workspace.title,
        organisation,
        startDate,
        endDate,
        deliverableIds: handedIn.map((row) => row.id),
        completedTasks: tasks,
      };
      // A re-opened workspace completes again into the student's existing entry, keeping their
      // summary, visibility and share link.
      const [entry] = await tx
        .insert(portfolioEntries)
        .values({ workspaceId, studentId: intern.id, shareToken: newShareToken(), ...copied })
        .onConflictDoUpdate({
          target: [portfolioEntries.workspaceId, portfolioEntries.studentId],
          set: { ...copied, updatedAt: completedAt },
        })
        .returning({ id: portfolioEntries.id, studentId: portfolioEntries.studentId });
      const [loaded] = await loadEntries(tx, eq(portfolioEntries.id, entry!.id));
      await issueEntryCredential(tx, issuer, credentials.profile, loaded!, credentials.origin);
      entries.push(entry!);
    }
    // Everyone else in the workspace (mentors, viewers, the other supervisors) hears of it too.
    const others = await tx
      .select({ id: workspaceMembers.userId })
      .from(workspaceMembers)
      .where(
        and(
          eq(workspaceMembers.workspaceId, workspaceId),
          ne(workspaceMembers.role, 'intern'),
          ne(workspaceMembers.userId, supervisorId),
        ),
      );
    const push = await createNotifications(tx, events, [
      ...interns.map((intern) =>
        portfolioNotice({
          userId: intern.id,
          kind: 'workspace_completed',
          title: `“${workspace.title}” is complete`,
          body: 'Your supervisor endorsed your work. Your portfolio entry is ready to edit and share.',
          link: `/workspaces/${workspaceId}`,
        }),
      ),
      ...others.map((member) =>
        portfolioNotice({
          userId: member.id,
          kind: 'workspace_completed',
          title: `“${workspace.title}” is complete`,
          body: 'The supervisor completed the workspace. Say how it went in its feedback.',
          link: `/workspaces/${workspaceId}`,
        }),
      ),
    ]);
    const completion: WorkspaceCompletion = {
      workspaceId,
      status: 'completed',
      completedAt: completedAt.toISOString(),
      endorsement: input.endorsement,
      skills: skills.map((skill) => ({ ...skill, label: skillLabel(skill.skillId) })),
      startDate,
      endDate,
      entries,
    };
    return { completion, push };
  });
  push();
  events.emit('workspace:completed', { workspaceId });
  return completion;
}

/**
 * Undoes a completion so the supervisor can correct it, which is the only way a corrected
 * credential is ever issued. In one transaction: the reason and the completion it undoes are kept,
 * every credential of the workspace still in force is revoked, and the workspace is active again.
 * Completing it again issues each intern a new credential into their existing entry. After commit
 * the live layer is told, and lets the editors' open connections write again.
 */
export async function reopenCompletion(
  db: Db,
  events: DomainEventBus,
  access: WorkspaceAccess,
  supervisorId: string,
  reason: string,
): Promise<CompletionReopening> {
  const workspaceId = access.workspaceId;
  const { reopening, push } = await db.transaction(async (tx) => {
    const [workspace] = await tx
      .select({ status: workspaces.status, title: workspaces.title })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId))
      .for('update');
    if (workspace?.status !== 'completed')
      throw conflict('not_completed', 'Only a completed workspace can be re-opened.');
    const [completion] = await tx
      .select()
      .from(workspaceCompletions)
      .where(eq(workspaceCompletions.workspaceId, workspaceId));
    const [row] = await tx
      .insert(completionReopenings)
      .values({
        workspaceId,
        reason,
        reopenedBy: supervisorId,
        previous: completion ? { ...completion, createdAt: completion.createdAt.toISOString() } : {},
      })
      .returning();
    await tx.delete(workspaceCompletions).where(eq(workspaceCompletions.workspaceId, workspaceId));
    const revoked = await revokeWorkspaceCredentials(tx, workspaceId, supervisorId);
    await tx
      .update(workspaces)
      .set({ status: 'active', completedAt: null })
      .where(eq(workspaces.id, workspaceId));
    const interns = await memberIds(tx, workspaceId, ['intern']);
    const push = await createNotifications(
      tx,
      events,
      interns.map((userId) =>
        portfolioNotice({
          userId,
          kind: 'credential_revoked',
          title: `“${workspace.title}” was re-opened for a correction`,
          body: `Its credential is withdrawn until it is completed again. Reason: ${reason}`,
          link: `/workspaces/${workspaceId}`,
        }),
      ),
    );
    const reopening: CompletionReopening = {
      id: row!.id,
      workspaceId,
      status: 'active',
      reason,
      reopenedAt: row!.createdAt.toISOString(),
      revokedCredentialIds: revoked,
    };
    return { reopening, push };
  });
  push();
  events.emit('workspace:reopened', { workspaceId });
  return reopening;
}
