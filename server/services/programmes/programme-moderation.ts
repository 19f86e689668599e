import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  organisations,
  programmeOrganisations,
  programmeProjects,
  projectModeration,
  projects,
  sessions,
  users,
} from '../../db/schema.ts';
import type { ProgrammeAccess } from '../../auth/permissions.ts';
import type { DomainEventBus } from '../../events.ts';
import type { ProjectModeration } from '../../../shared/schemas/moderation.ts';
import type { AccountRole } from '../../../shared/roles.ts';
import { AppError, conflict } from '../../errors.ts';
import { isUuid } from '../../../shared/ids.ts';
import { recordAudit } from './moderation-audit.ts';
import { queryRows } from '../../db/sql-rows.ts';

export interface Actor {
  id: string;
  name: string;
}

const orgNotInProgramme = () =>
  new AppError(404, 'org_not_found', 'That organisation is not in this programme.');
const projectNotInProgramme = () =>
  new AppError(404, 'project_not_found', 'That project is not in this programme.');
export const personNotInProgramme = () =>
  new AppError(404, 'user_not_found', 'That person is not in this programme.');

/** Staff verify an organisation of their programme; until then students see it as "unverified". */
export async function setOrgVerified(
  db: Db,
  access: ProgrammeAccess,
  actor: Actor,
  orgId: string,
  verified: boolean,
  reason: string,
): Promise<{ orgId: string; verified: boolean }> {
  if (!isUuid(orgId)) throw orgNotInProgramme();
  return db.transaction(async (tx) => {
    const [org] = await tx
      .select({ name: organisations.name, verifiedAt: programmeOrganisations.verifiedAt })
      .from(programmeOrganisations)
      .innerJoin(organisations, eq(organisations.id, programmeOrganisations.orgId))
      .where(
        and(
          eq(programmeOrganisations.orgId, orgId),
          eq(programmeOrganisations.programmeId, access.programmeId),
        ),
      )
      .for('update');
    if (!org) throw orgNotInProgramme();
    if ((org.verifiedAt !== null) === verified) {
      throw conflict('no_change', verified ? 'Already verified.' : 'Not verified.');
    }
    await tx
      .update(programmeOrganisations)
      .set(
        verified ? { verifiedAt: new Date(), verifiedBy: actor.id } : { verifiedAt: null, verifiedBy: null },
      )
      .where(eq(programmeOrganisations.orgId, orgId));
    await recordAudit(tx, {
      programmeId: access.programmeId,
      actor,
      action: verified ? 'org_verified' : 'org_unverified',
      target: { type: 'organisation', id: orgId, label: org.name },
      reason,
    });
    return { orgId, verified };
  });
}

/** Pauses, hides or restores a project of the programme; the matcher re-reads it either way. */
export async function moderateProject(
  db: Db,
  events: DomainEventBus,
  access: ProgrammeAccess,
  actor: Actor,
  projectId: string,
  state: ProjectModeration['state'],
  reason: string,
): Promise<ProjectModeration> {
  if (!isUuid(projectId)) throw projectNotInProgramme();
  await db.transaction(async (tx) => {
    const [project] = await tx
      .select({ title: projects.title, state: projectModeration.state })
      .from(programmeProjects)
      .innerJoin(projects, eq(projects.id, programmeProjects.projectId))
      .leftJoin(projectModeration, eq(projectModeration.projectId, projects.id))
      .where(
        and(
          eq(programmeProjects.projectId, projectId),
          eq(programmeProjects.programmeId, access.programmeId),
        ),
      );
    if (!project) throw projectNotInProgramme();
    if ((project.state ?? 'visible') === state)
      throw conflict('no_change', `The project is already ${state}.`);
    if (state === 'visible') {
      await tx.delete(projectModeration).where(eq(projectModeration.projectId, projectId));
    } else {
      await tx
        .insert(projectModeration)
        .values({ projectId, state, reason, decidedBy: actor.id })
        .onConflictDoUpdate({
          target: projectModeration.projectId,
          set: { state, reason, decidedBy: actor.id, decidedAt: new Date() },
        });
    }
    await recordAudit(tx, {
      programmeId: access.programmeId,
      actor,
      action:
        state === 'visible' ? 'project_restored' : state === 'paused' ? 'project_paused' : 'project_hidden',
      target: { type: 'project', id: projectId, label: project.title },
      reason,
    });
  });
  events.emit('project:changed', { projectId });
  return { projectId, state };
}

/** SQL: true when the person studies in the programme or supervises one of its organisations. */
const inProgramme = (programmeId: string, userId: string) => sql`(
  exists (select 1 from programme_students ps where ps.programme_id = ${programmeId} and ps.user_id = ${userId})
  or exists (select 1 from org_supervisors os join programme_organisations po on po.org_id = os.org_id
             where po.programme_id = ${programmeId} and os.user_id = ${userId}))`;

/** A person of the programme (a student in it, or a supervisor of one of its organisations). */
export async function findProgrammePerson(
  db: Db,
  programmeId: string,
  userId: string,
): Promise<ModerationTarget | undefined> {
  if (!isUuid(userId)) return undefined;
  return findAccount(db, userId, inProgramme(programmeId, userId));
}

export interface ModerationTarget {
  id: string;
  name: string;
  role: AccountRole;
  isStaffAnywhere: boolean;
}

/** Any account (for the instance admin), with what the suspension rule needs to know. */
export async function findAccount(
  db: Db,
  userId: string,
  condition: SQL = sql`true`,
): Promise<ModerationTarget | undefined> {
  if (!isUuid(userId)) return undefined;
  const [row] = await queryRows<{ id: string; name: string; role: AccountRole; is_staff: boolean }>(
    db,
    sql`select u.id, u.name, u.role,
          exists (select 1 from programme_staff s where s.user_id = u.id) as is_staff
        from users u where u.id = ${userId} and ${condition}`,
  );
  return row && { id: row.id, name: row.name, role: row.role, isStaffAnywhere: row.is_staff };
}

/**
 * Suspends an account (or lifts the suspension). Suspending ends every session of the account at
 * once and announces it, so the live layer closes its Socket.IO and Yjs connections on every
 * process; a suspended account cannot sign in again until staff restore it.
 */
export async function setAccountSuspended(
  db: Db,
  events: DomainEventBus,
  programmeId: string | null,
  actor: Actor,
  target: { id: string; name: string },
  suspended: boolean,
  reason: string,
): Promise<{ userId: string; suspended: boolean }> {
  if (target.id === actor.id) throw conflict('cannot_suspend_self', 'You cannot suspend your own account.');
  await db.transaction(async (tx) => {
    const changed = await tx
      .update(users)
      .set({ suspendedAt: suspended ? new Date() : null })
      .where(
        and(
          eq(users.id, target.id),
          suspended ? sql`${users.suspendedAt} is null` : sql`${users.suspendedAt} is not null`,
        ),
      )
      .returning({ id: users.id });
    if (changed.length === 0) {
      throw conflict(
        'no_change',
        suspended ? 'That account is already suspended.' : 'That account is not suspended.',
      );
    }
    if (suspended) await tx.delete(sessions).where(eq(sessions.userId, target.id));
    await recordAudit(tx, {
      programmeId,
      actor,
      action: suspended ? 'account_suspended' : 'account_restored',
      target: { type: 'person', id: target.id, label: target.name },
      reason,
    });
  });
  if (suspended) events.emit('sessions:ended', { userId: target.id, sessionIds: 'all' });
  return { userId: target.id, suspended };
}

/** How staff left a project: 'visible' when they did nothing. */
export async function projectModerationState(db: Db, projectId: string): Promise<ProjectModeration['state']> {
  if (!isUuid(projectId)) return 'visible';
  const [row] = await db
    .select({ state: projectModeration.state })
    .from(projectModeration)
    .where(eq(projectModeration.projectId, projectId));
  return row?.state ?? 'visible';
}
