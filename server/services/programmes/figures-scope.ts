import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { FiguresFilter } from '../../../shared/schemas/programmes.ts';

type Row = Record<string, string | number | null>;

/** One chart: its table's shape and the single SQL statement that fills it. */
export interface FigureDefinition {
  id: string;
  title: string;
  columns: { key: string; label: string }[];
  run(db: Db, scope: SQL): Promise<Row[]>;
}

/**
 * The common table expressions every figure starts from, so each chart is one SQL statement:
 *
 * - `scoped`: the programme's projects posted in the date range, of the chosen sector;
 * - `facts`: one row per scoped project with its first application, application count, first
 *   acceptance and first completed placement (each an indexed look-up, never rows in Node);
 * - `placements`: the programme's workspaces opened for scoped projects;
 * - `people`: the students in scope: applicants to scoped projects, and (without a sector filter)
 *   students who joined the programme with a code in the date range.
 *
 * Dates are calendar days in UTC; `to` is inclusive.
 */
export function figuresScope(programmeId: string, filter: FiguresFilter): SQL {
  const conditions: SQL[] = [sql`pp.programme_id = ${programmeId}::uuid`];
  const joined: SQL[] = [sql`ps.programme_id = ${programmeId}::uuid`];
  if (filter.from) {
    conditions.push(sql`p.created_at >= (${filter.from}::date)::timestamp at time zone 'UTC'`);
    joined.push(sql`ps.joined_at >= (${filter.from}::date)::timestamp at time zone 'UTC'`);
  }
  if (filter.to) {
    conditions.push(sql`p.created_at < (${filter.to}::date + 1)::timestamp at time zone 'UTC'`);
    joined.push(sql`ps.joined_at < (${filter.to}::date + 1)::timestamp at time zone 'UTC'`);
  }
  if (filter.sector) conditions.push(sql`o.sector = ${filter.sector}::sector`);
  const members = filter.sector
    ? sql``
    : sql`union select ps.user_id from programme_students ps where ${sql.join(joined, sql` and `)}`;
  return sql`
    with scoped as (
      select p.id, p.status, p.created_at, p.published_at, p.fee, p.currency,
             p.duration_weeks, p.hours_per_week, o.sector
      from programme_projects pp
      join projects p on p.id = pp.project_id
      join organisations o on o.id = p.org_id
      where ${sql.join(conditions, sql` and `)}
    ),
    placements as (
      select w.id, w.project_id, w.status, w.created_at, w.completed_at
      from programme_workspaces pw
      join workspaces w on w.id = pw.workspace_id
      where pw.programme_id = ${programmeId}::uuid and w.project_id in (select id from scoped)
    ),
    -- Aggregated once per table and joined (hash joins), not a correlated subquery per project:
    -- with 10,000 projects the subqueries rescanned the placements for every project.
    applied as (
      select a.project_id, min(a.created_at) as first_applied_at, count(*)::int as application_count,
             min(a.updated_at) filter (where a.status = 'accepted') as accepted_at
      from applications a where a.project_id in (select id from scoped) group by a.project_id
    ),
    completions as (
      select project_id, min(completed_at) as completed_at from placements
      where status = 'completed' group by project_id
    ),
    facts as (
      select s.*, ap.first_applied_at, coalesce(ap.application_count, 0) as application_count,
             ap.accepted_at, c.completed_at
      from scoped s
      left join applied ap on ap.project_id = s.id
      left join completions c on c.project_id = s.id
    ),
    people as (
      select a.student_id as user_id from applications a join scoped s on s.id = a.project_id
      ${members}
    )`;
}

/** `YYYY-MM` of a timestamp, in UTC. */
export const monthOf = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM')`);
