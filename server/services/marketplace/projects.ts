import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { beforeCursor, readCursor, toPageAt, type Page } from '../../db/pagination.ts';
import type { PageQuery } from '../../../shared/schemas/pagination.ts';
import type { DomainEventBus } from '../../events.ts';
import { applications, organisations, projects } from '../../db/schema.ts';
import type { OrgAccess, ProjectAccess } from '../../auth/permissions.ts';
import type { Project } from '../../../shared/schemas/marketplace-views.ts';
import type { createProjectInput, updateProjectInput } from '../../../shared/schemas/marketplace.ts';
import { isUuid } from '../../../shared/ids.ts';
import { AppError, conflict } from '../../errors.ts';
import { getOrgAccess } from './organisations.ts';
import { resolveSkills, toSkillNeeds } from './skills.ts';
import { attachProjectToProgramme } from '../programmes/programme-invites.ts';

export type ProjectRow = typeof projects.$inferSelect;
type OrgSummary = Project['organisation'];

export const projectNotFound = () => new AppError(404, 'project_not_found', 'That project does not exist.');

/** Accepted applications per project: the seats already taken. */
export const seatsTakenSql = sql<number>`(select count(*)::int from ${applications} where ${applications.projectId} = ${projects.id} and ${applications.status} = 'accepted')`;

/** The organisation as a project card shows it, with the "verified by programme staff" badge. */
export const orgSummaryColumns = {
  id: organisations.id,
  name: organisations.name,
  sector: organisations.sector,
  verified: sql<boolean>`exists (select 1 from programme_organisations po where po.org_id = ${organisations.id} and po.verified_at is not null)`,
};

/** How programme staff left the project: 'visible', 'paused' or 'hidden'. */
export const moderationSql = sql<
  Project['moderation']
>`coalesce((select pm.state::text from project_moderation pm where pm.project_id = ${projects.id}), 'visible')`;

/** Not paused or hidden by programme staff: what the marketplace lists and the matcher suggests. */
export const notModeratedSql = sql`not exists (select 1 from project_moderation pm where pm.project_id = ${projects.id})`;

export function toProject(
  row: ProjectRow,
  org: OrgSummary,
  seatsTaken: number,
  canEdit: boolean,
  moderation: Project['moderation'] = 'visible',
): Project {
  return {
    id: row.id,
    orgId: row.orgId,
    organisation: org,
    title: row.title,
    summary: row.summary,
    goals: row.goals,
    deliverables: row.deliverables,
    milestones: row.milestones,
    skills: toSkillNeeds(row.skills),
    questions: row.questions,
    durationWeeks: row.durationWeeks,
    hoursPerWeek: row.hoursPerWeek,
    flexibility: row.flexibility,
    workTimes: row.workTimes,
    remote: row.workMode,
    location: row.location,
    onsiteDays: row.onsiteDays,
    fee: row.fee,
    currency: row.currency,
    seats: row.seats,
    seatsTaken,
    startDate: row.startDate,
    applicationDeadline: row.applicationDeadline,
    templateId: row.templateId,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    canEdit,
    moderation,
  };
}

type ProjectFields = Partial<z.output<typeof updateProjectInput>>;

/** Maps API fields onto columns: `remote` is stored as the work mode, skills as taxonomy ids. */
function toColumns(input: ProjectFields) {
  const { remote, skills, ...rest } = input;
  return {
    ...rest,
    ...(remote !== undefined ? { workMode: remote } : {}),
    ...(skills !== undefined ? { skills: resolveSkills(skills) } : {}),
  };
}

export async function loadProject(db: Db, projectId: string) {
  if (!isUuid(projectId)) return null;
  const [row] = await db
    .select({
      project: projects,
      org: orgSummaryColumns,
      seatsTaken: seatsTakenSql,
      moderation: moderationSql,
    })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.orgId))
    .where(eq(projects.id, projectId));
  return row ?? null;
}

/** The caller's standing toward a project, for the rules `viewProject` and `manageOrg`; null when it does not exist. */
export async function getProjectAccess(
  db: Db,
  projectId: string,
  userId: string,
): Promise<ProjectAccess | null> {
  if (!isUuid(projectId)) return null;
  const [row] = await db
    .select({
      status: projects.status,
      orgId: projects.orgId,
      moderation: moderationSql,
      moderatesProject: sql<boolean>`(exists (select 1 from programme_projects pp
          join programme_staff ps on ps.programme_id = pp.programme_id
          where pp.project_id = ${projects.id} and ps.user_id = ${userId})
        or exists (select 1 from users u where u.id = ${userId} and u.role = 'admin'))`,
    })
    .from(projects)
    .where(eq(projects.id, projectId));
  if (!row) return null;
  const org = await getOrgAccess(db, row.orgId, userId);
  return {
    projectId,
    status: row.status,
    moderation: row.moderation,
    org,
    moderatesProject: row.moderatesProject,
  };
}

/** A project and the caller's standing toward its organisation (for `canEdit`); the caller has authorized seeing it. */
export async function getProject(
  db: Db,
  projectId: string,
  userId: string,
): Promise<{ project: Project; access: OrgAccess }> {
  const row = await loadProject(db, projectId);
  if (!row) throw projectNotFound();
  const access = (await getOrgAccess(db, row.project.orgId, userId))!;
  return {
    project: toProject(row.project, row.org, row.seatsTaken, access.isSupervisor, row.moderation),
    access,
  };
}

export async function createProject(
  db: Db,
  events: DomainEventBus,
  userId: string,
  input: z.output<typeof createProjectInput>,
): Promise<Project> {
  const [row] = await db
    .insert(projects)
    .values({
      ...toColumns(input),
      orgId: input.orgId,
      title: input.title,
      summary: input.summary,
      durationWeeks: input.durationWeeks,
      hoursPerWeek: input.hoursPerWeek,
      workMode: input.remote,
      createdBy: userId,
    })
    .returning();
  await attachProjectToProgramme(db, row!.id, input.orgId);
  events.emit('project:changed', { projectId: row!.id });
  return (await getProject(db, row!.id, userId)).project;
}

/** Edits by the organisation's supervisors; a filled or closed project is no longer edited. */
export async function updateProject(
  db: Db,
  events: DomainEventBus,
  projectId: string,
  userId: string,
  input: ProjectFields,
): Promise<Project> {
  const { project } = await getProject(db, projectId, userId);
  if (project.status === 'filled' || project.status === 'closed') {
    throw conflict('project_not_editable', `A ${project.status} project can no longer be edited.`);
  }
  await db
    .update(projects)
    .set({ ...toColumns(input), updatedAt: new Date() })
    .where(eq(projects.id, projectId));
  events.emit('project:changed', { projectId });
  return (await getProject(db, projectId, userId)).project;
}

const TRANSITIONS: Record<'publish' | 'close', { from: Project['status'][]; to: Project['status'] }> = {
  publish: { from: ['draft'], to: 'published' },
  close: { from: ['draft', 'published', 'filled'], to: 'closed' },
};

/** draft → published → filled → closed; publishing needs the basics a student must know. */
export async function changeProjectStatus(
  db: Db,
  events: DomainEventBus,
  projectId: string,
  userId: string,
  action: 'publish' | 'close',
): Promise<Project> {
  const { project } = await getProject(db, projectId, userId);
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(project.status)) {
    throw conflict(
      'invalid_status',
      `A ${project.status} project cannot be ${action === 'publish' ? 'published' : 'closed'}.`,
    );
  }
  if (action === 'publish') {
    const missing = [
      project.deliverables.length === 0 && 'at least one deliverable',
      project.skills.length === 0 && 'the skills it needs',
      (project.durationWeeks < 2 || project.durationWeeks > 8) && 'a duration of 2–8 weeks',
    ].filter(Boolean);
    if (missing.length > 0) {
      throw new AppError(422, 'not_ready_to_publish', `Before publishing, add ${missing.join(', ')}.`, {
        missing,
      });
    }
  }
  await db
    .update(projects)
    .set({
      status: transition.to,
      updatedAt: new Date(),
      ...(action === 'publish' ? { publishedAt: new Date() } : {}),
    })
    .where(and(eq(projects.id, projectId), eq(projects.status, project.status)));
  events.emit('project:changed', { projectId });
  return (await getProject(db, projectId, userId)).project;
}

/** Project views for a list of ids (any order), as a student may see them: published and later only. */
export async function loadProjectViews(db: Db, ids: string[]): Promise<Project[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      project: projects,
      org: orgSummaryColumns,
      seatsTaken: seatsTakenSql,
    })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.orgId))
    .where(and(inArray(projects.id, ids), ne(projects.status, 'draft'), notModeratedSql));
  return rows.map((row) => toProject(row.project, row.org, row.seatsTaken, false));
}

/** An organisation's projects, drafts included, newest first, a page at a time, for its supervisors. */
export async function listOrgProjects(db: Db, access: OrgAccess, page: PageQuery): Promise<Page<Project>> {
  const rows = await db
    .select({
      project: projects,
      org: orgSummaryColumns,
      seatsTaken: seatsTakenSql,
      moderation: moderationSql,
    })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.orgId))
    .where(
      and(
        eq(projects.orgId, access.orgId),
        beforeCursor(projects.createdAt, projects.id, readCursor(page.cursor)),
      ),
    )
    .orderBy(desc(projects.createdAt), desc(projects.id))
    .limit(page.limit + 1);
  return toPageAt(
    rows,
    page.limit,
    (row) => row.project,
    (row) => toProject(row.project, row.org, row.seatsTaken, true, row.moderation),
  );
}
