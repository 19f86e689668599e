import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { beforeCursor, readCursor, toPageAt, type Page } from '../../db/pagination.ts';
import type { PageQuery } from '../../../shared/schemas/pagination.ts';
import {
  applications,
  orgSupervisors,
  organisations,
  projects,
  studentProfiles,
  users,
  workspaces,
} from '../../db/schema.ts';
import type { ApplicationAccess } from '../../auth/permissions.ts';
import type { DomainEventBus } from '../../events.ts';
import type { AccountRole } from '../../../shared/roles.ts';
import type { Application } from '../../../shared/schemas/marketplace-views.ts';
import type { applyInput } from '../../../shared/schemas/marketplace.ts';
import { isUuid } from '../../../shared/ids.ts';
import { AppError, conflict } from '../../errors.ts';
import { createNotifications } from '../accounts/notifications.ts';
import { getOrgAccess } from './organisations.ts';
import { briefFromProject } from './project-brief.ts';
import { getProject, projectNotFound } from './projects.ts';
import { createWorkspace } from '../workspace/workspaces.ts';
import { createMilestonesFromProject } from '../workspace/milestones.ts';
import { attachWorkspaceToProgramme } from '../programmes/programme-invites.ts';

export const applicationNotFound = () =>
  new AppError(404, 'application_not_found', 'That application does not exist.');

const columns = {
  application: applications,
  project: { id: projects.id, title: projects.title, status: projects.status, orgId: projects.orgId },
  orgName: organisations.name,
  student: { id: users.id, name: users.name },
  headline: studentProfiles.headline,
};

function baseQuery(db: Db) {
  return db
    .select(columns)
    .from(applications)
    .innerJoin(projects, eq(projects.id, applications.projectId))
    .innerJoin(organisations, eq(organisations.id, projects.orgId))
    .innerJoin(users, eq(users.id, applications.studentId))
    .leftJoin(studentProfiles, eq(studentProfiles.userId, applications.studentId));
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function toApplication(row: Row): Application {
  const { application } = row;
  return {
    id: application.id,
    projectId: application.projectId,
    project: {
      id: row.project.id,
      title: row.project.title,
      orgName: row.orgName,
      status: row.project.status,
    },
    student: { id: row.student.id, name: row.student.name, headline: row.headline ?? '' },
    note: application.note,
    answers: application.answers,
    status: application.status,
    decisionMessage: application.decisionMessage,
    workspaceId: application.workspaceId,
    createdAt: application.createdAt.toISOString(),
    updatedAt: application.updatedAt.toISOString(),
  };
}

async function supervisorIds(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .select({ id: orgSupervisors.userId })
    .from(orgSupervisors)
    .where(eq(orgSupervisors.orgId, orgId));
  return rows.map((row) => row.id);
}

/** A student applies once per project, while it is published and before its deadline. */
export async function applyToProject(
  db: Db,
  events: DomainEventBus,
  student: { id: string; name: string; role: AccountRole },
  projectId: string,
  input: z.output<typeof applyInput>,
): Promise<Application> {
  const { project } = await getProject(db, projectId, student.id);
  if (project.status !== 'published' || project.moderation !== 'visible')
    throw conflict('project_not_open', 'This project is not taking applications.');
  if (project.applicationDeadline && project.applicationDeadline < new Date().toISOString().slice(0, 10)) {
    throw conflict('deadline_passed', 'The application deadline for this project has passed.');
  }
  if (input.answers.length > project.questions.length) {
    throw new AppError(
      400,
      'validation_failed',
      `answers: this project asks ${project.questions.length} question(s).`,
    );
  }
  const { id, push } = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(applications)
      .values({ projectId, studentId: student.id, note: input.note, answers: input.answers })
      .onConflictDoNothing()
      .returning({ id: applications.id });
    if (!created) throw conflict('already_applied', 'You have already applied to this project.');
    const push = await createNotifications(
      tx,
      events,
      (await supervisorIds(tx, project.orgId)).map((userId) => ({
        userId,
        kind: 'application_received' as const,
        title: `New applicant for “${project.title}”`,
        body: `${student.name} applied.`,
        link: `/projects/${projectId}/applicants`,
      })),
    );
    return { id: created.id, push };
  });
  push();
  return getApplication(db, id);
}

/** The caller's standing toward an application, for its rules; null when it does not exist. */
export async function getApplicationAccess(
  db: Db,
  applicationId: string,
  userId: string,
): Promise<ApplicationAccess | null> {
  if (!isUuid(applicationId)) return null;
  const [row] = await db
    .select({ studentId: applications.studentId, orgId: projects.orgId })
    .from(applications)
    .innerJoin(projects, eq(projects.id, applications.projectId))
    .where(eq(applications.id, applicationId));
  if (!row) return null;
  return { applicationId, studentId: row.studentId, org: await getOrgAccess(db, row.orgId, userId) };
}

async function loadApplication(db: Db, applicationId: string) {
  if (!isUuid(applicationId)) throw applicationNotFound();
  const [row] = await baseQuery(db).where(eq(applications.id, applicationId));
  if (!row) throw applicationNotFound();
  return row;
}

/** One application; the caller has authorized `viewApplication`. */
export async function getApplication(db: Db, applicationId: string): Promise<Application> {
  return toApplication(await loadApplication(db, applicationId));
}

/** A student's applications, newest first, a page at a time. */
export async function listMyApplications(
  db: Db,
  studentId: string,
  page: PageQuery,
): Promise<Page<Application>> {
  return applicationPage(db, eq(applications.studentId, studentId), page);
}

/** A project's applicants, for its organisation's supervisors (the caller has authorized `manageOrg`). */
export async function listProjectApplications(
  db: Db,
  projectId: string,
  page: PageQuery,
): Promise<Page<Application>> {
  return applicationPage(db, eq(applications.projectId, projectId), page);
}

async function applicationPage(db: Db, which: SQL, page: PageQuery): Promise<Page<Application>> {
  const rows = await baseQuery(db)
    .where(and(which, beforeCursor(applications.createdAt, applications.id, readCursor(page.cursor))))
    .orderBy(desc(applications.createdAt), desc(applications.id))
    .limit(page.limit + 1);
  return toPageAt(rows, page.limit, (row) => row.application, toApplication);
}

const OPEN: Application['status'][] = ['submitted', 'shortlisted'];

/** The student withdraws (the caller has authorized `withdrawApplication`). */
export async function withdrawApplication(db: Db, applicationId: string): Promise<Application> {
  const application = await getApplication(db, applicationId);
  const [updated] = await db
    .update(applications)
    .set({ status: 'withdrawn', updatedAt: new Date() })
    .where(and(eq(applications.id, applicationId), inArray(applications.status, OPEN)))
    .returning({ id: applications.id });
  if (!updated) throw conflict('invalid_status', `A ${application.status} application cannot be withdrawn.`);
  return getApplication(db, applicationId);
}

/** The organisation's decisions below: the caller has authorized `manageOrg` on the application. */
export async function shortlistApplication(
  db: Db,
  applicationId: string,
  userId: string,
): Promise<Application> {
  const [updated] = await db
    .update(applications)
    .set({ status: 'shortlisted', decidedBy: userId, updatedAt: new Date() })
    .where(and(eq(applications.id, applicationId), eq(applications.status, 'submitted')))
    .returning({ id: applications.id });
  if (!updated) throw conflict('invalid_status', 'Only a new application can be shortlisted.');
  return getApplication(db, applicationId);
}

export async function declineApplication(
  db: Db,
  events: DomainEventBus,
  applicationId: string,
  userId: string,
  message: string | undefined,
): Promise<Application> {
  const row = await loadApplication(db, applicationId);
  const push = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(applications)
      .set({ status: 'declined', decisionMessage: message ?? null, decidedBy: userId, updatedAt: new Date() })
      .where(and(eq(applications.id, applicationId), inArray(applications.status, OPEN)))
      .returning({ id: applications.id });
    if (!updated)
      throw conflict('invalid_status', `A ${row.application.status} application cannot be declined.`);
    return createNotifications(tx, events, [
      {
        userId: row.application.studentId,
        kind: 'application_declined',
        title: `${row.orgName} did not take your application for “${row.project.title}”`,
        body: message ?? '',
        link: `/applications/${applicationId}`,
      },
    ]);
  });
  push();
  return getApplication(db, applicationId);
}

/**
 * Accepts an application and opens its workspace, all in one transaction: the application is
 * accepted, the workspace exists with the intern and every supervisor of the organisation as
 * members and the brief and board pre-filled, and the project is filled when its seats are taken.
 * The project row is locked first, so two supervisors accepting the last seat at once cannot both win.
 */
export async function acceptApplication(
  db: Db,
  events: DomainEventBus,
  applicationId: string,
  userId: string,
): Promise<{ workspaceId: string }> {
  const first = await loadApplication(db, applicationId);
  const { workspaceId, push } = await db.transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, first.project.id)).for('update');
    if (!project) throw projectNotFound();
    const [application] = await tx.select().from(applications).where(eq(applications.id, applicationId));
    if (!application || !OPEN.includes(application.status)) {
      throw conflict(
        'invalid_status',
        `A ${application?.status ?? 'missing'} application cannot be accepted.`,
      );
    }
    if (project.status !== 'published')
      throw conflict('project_not_open', `This project is ${project.status}; it has no open seats.`);
    const [taken] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(applications)
      .where(and(eq(applications.projectId, project.id), eq(applications.status, 'accepted')));
    const seatsTaken = taken?.n ?? 0;
    if (seatsTaken >= project.seats)
      throw conflict('project_full', 'Every seat on this project is already taken.');

    const supervisors = await supervisorIds(tx, project.orgId);
    const { id: workspaceId } = await createWorkspace(tx, {
      title: project.title,
      createdBy: userId,
      members: [
        ...supervisors.map((id) => ({ userId: id, role: 'supervisor' as const })),
        { userId: application.studentId, role: 'intern' as const },
      ],
      document: briefFromProject(project, first.orgName),
    });
    await tx.update(workspaces).set({ projectId: project.id }).where(eq(workspaces.id, workspaceId));
    await attachWorkspaceToProgramme(tx, workspaceId, project.id);
    await createMilestonesFromProject(tx, workspaceId, project.milestones);
    await tx
      .update(applications)
      .set({ status: 'accepted', workspaceId, decidedBy: userId, updatedAt: new Date() })
      .where(eq(applications.id, applicationId));
    if (seatsTaken + 1 >= project.seats) {
      await tx
        .update(projects)
        .set({ status: 'filled', updatedAt: new Date() })
        .where(eq(projects.id, project.id));
    }
    const push = await createNotifications(tx, events, [
      {
        userId: application.studentId,
        kind: 'application_accepted',
        title: `${first.orgName} accepted you for “${project.title}”`,
        body: 'Your workspace is ready: the brief and the board are waiting for you.',
        link: `/workspaces/${workspaceId}`,
      },
      ...supervisors
        .filter((id) => id !== userId)
        .map((id) => ({
          userId: id,
          kind: 'workspace_invited' as const,
          title: `A workspace opened for “${project.title}”`,
          body: `${first.student.name} joins as intern.`,
          link: `/workspaces/${workspaceId}`,
        })),
    ]);
    return { workspaceId, push };
  });
  push();
  events.emit('project:changed', { projectId: first.project.id });
  return { workspaceId };
}
