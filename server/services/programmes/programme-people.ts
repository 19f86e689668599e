import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { ProjectModerationState } from '../../../shared/moderation.ts';
import type { ProgrammePerson } from '../../../shared/schemas/moderation.ts';
import type { AccountRole } from '../../../shared/roles.ts';
import { queryRows } from '../../db/sql-rows.ts';

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

/** The programme's organisations, unverified first, for the verification list. */
export async function listProgrammeOrgs(db: Db, programmeId: string): Promise<ProgrammeOrg[]> {
  const rows = await queryRows<{
    id: string;
    name: string;
    sector: string;
    cohort: string;
    verified: boolean;
  }>(
    db,
    sql`select o.id, o.name, o.sector, po.cohort, po.verified_at is not null as verified
          from programme_organisations po join organisations o on o.id = po.org_id
         where po.programme_id = ${programmeId}
         order by po.verified_at is not null, o.name`,
  );
  return rows;
}

export interface ProgrammeProject {
  id: string;
  title: string;
  orgName: string;
  status: string;
  moderation: ProjectModerationState | 'visible';
}

/** The programme's projects (not drafts), paused and hidden ones first. */
export async function listProgrammeProjects(db: Db, programmeId: string): Promise<ProgrammeProject[]> {
  return queryRows<ProgrammeProject>(
    db,
    sql`select p.id, p.title, o.name as "orgName", p.status, coalesce(pm.state::text, 'visible') as moderation
          from programme_projects pp
          join projects p on p.id = pp.project_id
          join organisations o on o.id = p.org_id
          left join project_moderation pm on pm.project_id = p.id
         where pp.programme_id = ${programmeId} and p.status <> 'draft'
         order by pm.state is null, p.published_at desc nulls last
         limit 500`,
  );
}
