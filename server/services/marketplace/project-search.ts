import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { organisations, projects } from '../../db/schema.ts';
import type { projectSearchQuery } from '../../../shared/schemas/marketplace.ts';
import type { ListResponse } from '../../../shared/errors.ts';
import type { Project } from '../../../shared/schemas/marketplace-views.ts';
import { AppError } from '../../errors.ts';
import { notModeratedSql, orgSummaryColumns, seatsTakenSql, toProject } from './projects.ts';
import { resolveSkillIds } from './skills.ts';

/** The cursor is the offset of the next page, opaque to clients. */
function readCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const offset = Number.parseInt(Buffer.from(cursor, 'base64url').toString(), 10);
  if (!Number.isInteger(offset) || offset < 0 || offset > 100_000) {
    throw new AppError(400, 'validation_failed', 'cursor: not a cursor this API gave out.');
  }
  return offset;
}

const writeCursor = (offset: number) => Buffer.from(String(offset)).toString('base64url');

/**
 * Published projects matching the filters. Text search uses PostgreSQL full-text search (a GIN
 * index over title, summary and deliverables, weighted in that order); skills use a GIN index on
 * the skills column, and a project must need every skill asked for.
 */
export async function searchProjects(
  db: Db,
  query: z.output<typeof projectSearchQuery>,
): Promise<ListResponse<Project>> {
  const offset = readCursor(query.cursor);
  const conditions: (SQL | undefined)[] = [eq(projects.status, 'published'), notModeratedSql];
  const text = query.q ? sql`websearch_to_tsquery('english', ${query.q})` : undefined;
  if (text) conditions.push(sql`${projects.search} @@ ${text}`);
  if (query.sector) conditions.push(eq(organisations.sector, query.sector));
  if (query.skills) {
    const names = query.skills
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    for (const skillId of resolveSkillIds(names)) {
      conditions.push(sql`${projects.skills} @> ${JSON.stringify([{ skillId }])}::jsonb`);
    }
  }
  if (query.maxHours !== undefined) conditions.push(lte(projects.hoursPerWeek, query.maxHours));
  if (query.minWeeks !== undefined) conditions.push(gte(projects.durationWeeks, query.minWeeks));
  if (query.maxWeeks !== undefined) conditions.push(lte(projects.durationWeeks, query.maxWeeks));
  if (query.remote) conditions.push(eq(projects.workMode, query.remote));
  if (query.minFee !== undefined) conditions.push(gte(projects.fee, query.minFee));

  const rows = await db
    .select({
      project: projects,
      org: orgSummaryColumns,
      seatsTaken: seatsTakenSql,
    })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.orgId))
    .where(and(...conditions))
    .orderBy(
      ...(text ? [desc(sql`ts_rank(${projects.search}, ${text})`)] : []),
      desc(projects.publishedAt),
      desc(projects.id),
    )
    .limit(query.limit + 1)
    .offset(offset);
  const items = rows
    .slice(0, query.limit)
    .map((row) => toProject(row.project, row.org, row.seatsTaken, false));
  return { items, next: rows.length > query.limit ? writeCursor(offset + query.limit) : null };
}
