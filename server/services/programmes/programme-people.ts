import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { ProjectModerationState } from '../../../shared/moderation.ts';
import type { ProgrammePerson } from '../../../shared/schemas/moderation.ts';
import type { AccountRole } from '../../../shared/roles.ts';
import { queryRows } from '../../db/sql-rows.ts';
import {
  organisations,
  programmeOrganisations,
  programmeProjects,
  projectModeration,
  projects,
} from '../../db/schema.ts';
import { beforeCursor, readCursor, toPageAt, type Page } from '../../db/pagination.ts';
import type { PageQuery } from '../../../shared/schemas/pagination.ts';

interface PersonRow {
  id: string;
  name: string;
  email: string;
  role: AccountRole;
  suspended_at: string | Date | null;
  memberships: ProgrammePerson['memberships'] | null;
}

/**
 * People by name or email (case-insensitive, part of either), each with every programme membership
 * they have. With a programme: only people of that programme (its students, the supervisors of its
 * organisations and its staff); with `null`, for the instance admin: everyone. At most 50.
 */
export async function findPeople(
  db: Db,
  programmeId: string | null,
  query: string,
): Promise<ProgrammePerson[]> {
  const pattern = `%${query.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
  const inScope =
    programmeId === null
      ? sql`true`
      : sql`exists (select 1 from m where m.user_id = u.id and m.programme_id = ${programmeId})`;
  const rows = await queryRows<PersonRow>(
    db,
    sql`with m as (
          select ps.user_id, ps.programme_id, 'student' as kind,
                 case when ps.cohort = '' then '' else 'cohort ' || ps.cohort end as detail
            from programme_students ps
          union all
          select os.user_id, po.programme_id, 'supervisor', o.name
            from org_supervisors os
            join programme_organisations po on po.org_id = os.org_id
            join organisations o on o.id = os.org_id
          union all
          select s.user_id, s.programme_id, 'staff', '' from programme_staff s
        )
        select u.id, u.name, u.email, u.role, u.suspended_at,
               (select json_agg(json_build_object('programmeId', m2.programme_id, 'kind', m2.kind, 'detail', m2.detail)
                         order by m2.kind)
                  from m m2 where m2.user_id = u.id) as memberships
          from users u
         where (u.name ilike ${pattern} or u.email ilike ${pattern})
           and ${inScope}
         order by u.name, u.email
         limit 50`,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    memberships: row.memberships ?? [],
    suspended: row.suspended_at !== null,
  }));
}

export interface ProgrammeOrg {
  id: string;
  name: string;
  sector: string;
  cohort: string;
  verified: boolean;
}

/**
 * A page of the programme's organisations, newest member first on (joined, id): a keyset order,
 * so pages stay stable while staff verify. The verification list sorts the whole list itself.
 */
export async function listProgrammeOrgs(
  db: Db,
  programmeId: string,
  page: PageQuery,
): Promise<Page<ProgrammeOrg>> {
  const cursor = readCursor(page.cursor);
  const rows = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      sector: organisations.sector,
      cohort: programmeOrganisations.cohort,
      joinedAt: programmeOrganisations.joinedAt,
      verifiedAt: programmeOrganisations.verifiedAt,
    })
    .from(programmeOrganisations)
    .innerJoin(organisations, eq(organisations.id, programmeOrganisations.orgId))
    .where(
      and(
        eq(programmeOrganisations.programmeId, programmeId),
        beforeCursor(programmeOrganisations.joinedAt, programmeOrganisations.orgId, cursor),
      ),
    )
    .orderBy(desc(programmeOrganisations.joinedAt), desc(programmeOrganisations.orgId))
    .limit(page.limit + 1);
  return toPageAt(
    rows,
    page.limit,
    (row) => ({ createdAt: row.joinedAt, id: row.id }),
    (row) => ({
      id: row.id,
      name: row.name,
      sector: row.sector,
      cohort: row.cohort,
      verified: row.verifiedAt !== null,
    }),
  );
}

export interface ProgrammeProject {
  id: string;
  title: string;
  orgName: string;
  status: string;
  moderation: ProjectModerationState | 'visible';
}

/**
 * A page of the programme's projects (not drafts), newest first on (created, id). It used to stop
 * at 500 rows without saying so; now every project is reachable by following `next`.
 */
export async function listProgrammeProjects(
  db: Db,
  programmeId: string,
  page: PageQuery,
): Promise<Page<ProgrammeProject>> {
  const cursor = readCursor(page.cursor);
  const rows = await db
    .select({
      id: projects.id,
      title: projects.title,
      orgName: organisations.name,
      status: projects.status,
      moderation: projectModeration.state,
      createdAt: projects.createdAt,
    })
    .from(programmeProjects)
    .innerJoin(projects, eq(projects.id, programmeProjects.projectId))
    .innerJoin(organisations, eq(organisations.id, projects.orgId))
    .leftJoin(projectModeration, eq(projectModeration.projectId, projects.id))
    .where(
      and(
        eq(programmeProjects.programmeId, programmeId),
        ne(projects.status, 'draft'),
        beforeCursor(projects.createdAt, projects.id, cursor),
      ),
    )
    .orderBy(desc(projects.createdAt), desc(projects.id))
    .limit(page.limit + 1);
  return toPageAt(
    rows,
    page.limit,
    (row) => row,
    (row) => ({
      id: row.id,
      title: row.title,
      orgName: row.orgName,
      status: row.status,
      moderation: row.moderation ?? 'visible',
    }),
  );
}
