import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/sql-rows.ts';

export interface InstanceSummary {
  programmes: number;
  organisations: number;
  publishedProjects: number;
  filledProjects: number;
  placements: number;
  completedPlacements: number;
}

/** The instance admin's headline numbers across every programme (and projects in none), in one query. */
export async function instanceSummary(db: Db): Promise<InstanceSummary> {
  const [row] = await queryRows<Record<keyof InstanceSummary, number>>(
    db,
    sql`select
      (select count(*) from programmes)::int as "programmes",
      (select count(*) from organisations)::int as "organisations",
      (select count(*) from projects where published_at is not null)::int as "publishedProjects",
      (select count(distinct project_id) from applications where status = 'accepted')::int as "filledProjects",
      (select count(*) from workspaces where project_id is not null)::int as "placements",
      (select count(*) from workspaces where project_id is not null and status = 'completed')::int
        as "completedPlacements"`,
  );
  return {
    programmes: Number(row?.programmes ?? 0),
    organisations: Number(row?.organisations ?? 0),
    publishedProjects: Number(row?.publishedProjects ?? 0),
    filledProjects: Number(row?.filledProjects ?? 0),
    placements: Number(row?.placements ?? 0),
    completedPlacements: Number(row?.completedPlacements ?? 0),
  };
}
