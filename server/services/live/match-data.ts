import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { organisations, projects, studentProfiles, users } from '../../db/schema.ts';
import type { MatchProject, MatchStudent } from '../../matching/index.ts';
import { notModeratedSql } from '../marketplace/projects.ts';

/** Reads what the matcher needs from the database, in the matcher's own shapes. */

type ProjectRow = typeof projects.$inferSelect;
type ProfileRow = typeof studentProfiles.$inferSelect;

export function toMatchProject(
  row: ProjectRow,
  org: { name: string; sector: MatchProject['sector'] },
): MatchProject {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    deliverables: row.deliverables,
    skills: row.skills,
    durationWeeks: row.durationWeeks,
    hoursPerWeek: row.hoursPerWeek,
    startDate: row.startDate,
    flexibility: row.flexibility,
    workTimes: row.workTimes,
    workMode: row.workMode,
    location: row.location || null,
    onsiteDays: row.onsiteDays,
    sector: org.sector,
    orgName: org.name,
    fee: row.fee,
  };
}

/** A profile without hours per week cannot be matched honestly, so it is left out. */
export function toMatchStudent(row: ProfileRow, name: string): MatchStudent | null {
  if (row.hoursPerWeek === null) return null;
  return {
    id: row.userId,
    name,
    headline: row.headline,
    skills: row.skills,
    stretchSkillIds: row.stretchSkills,
    hoursPerWeek: row.hoursPerWeek,
    availableFrom: row.availableFrom,
    availableWeeks: row.availableWeeks,
    availability: row.availability,
    remote: row.remote,
    location: row.location || null,
    travelKm: row.travelKm,
    travelMinutes: row.travelMinutes,
    goals: row.goals,
    interests: row.interests,
    sectorsOfInterest: row.sectorsOfInterest,
  };
}

/** Published projects (all, or the ones named), ready for the index. */
export async function loadMatchProjects(db: Db, ids?: string[]): Promise<MatchProject[]> {
  const rows = await db
    .select({ project: projects, org: { name: organisations.name, sector: organisations.sector } })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.orgId))
    // Paused and hidden projects are not suggested; `project:changed` brings them back when restored.
    .where(
      and(eq(projects.status, 'published'), notModeratedSql, ids ? inArray(projects.id, ids) : undefined),
    );
  return rows.map((row) => toMatchProject(row.project, row.org));
}

export async function loadMatchStudents(db: Db, ids?: string[]): Promise<MatchStudent[]> {
  const rows = await db
    .select({ profile: studentProfiles, name: users.name })
    .from(studentProfiles)
    .innerJoin(users, eq(users.id, studentProfiles.userId))
    .where(
      and(isNotNull(studentProfiles.hoursPerWeek), ids ? inArray(studentProfiles.userId, ids) : undefined),
    );
  return rows
    .map((row) => toMatchStudent(row.profile, row.name))
    .filter((student): student is MatchStudent => student !== null);
}

/** Any project, published or not, for ranking its own applicants (a supervisor may look at a draft's fit). */
export async function loadAnyMatchProject(db: Db, id: string): Promise<MatchProject | null> {
  const [row] = await db
    .select({ project: projects, org: { name: organisations.name, sector: organisations.sector } })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.orgId))
    .where(eq(projects.id, id));
  return row ? toMatchProject(row.project, row.org) : null;
}
