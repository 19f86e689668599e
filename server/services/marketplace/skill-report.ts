import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/sql-rows.ts';
import { FREE_SKILL_PREFIX } from '../../../shared/taxonomy/index.ts';
import type { UnknownSkillUse } from '../../../shared/schemas/places.ts';

/**
 * The skills people write that the taxonomy lacks, most used first: what the skill list should
 * grow by. Counted over student profiles and projects (each names a skill once at most), spellings
 * compared without case; the name shown is the most common spelling.
 */
export async function unknownSkillsReport(db: Db, limit: number): Promise<UnknownSkillUse[]> {
  const prefix = `${FREE_SKILL_PREFIX}%`;
  const cut = FREE_SKILL_PREFIX.length + 1;
  const rows = await queryRows<{ name: string; profiles: number; projects: number; total: number }>(
    db,
    sql`
    with uses as (
      select distinct 'profile' as source, p.user_id::text as owner, substr(s->>'skillId', ${cut}) as name
        from student_profiles p, jsonb_array_elements(p.skills) s
        where s->>'skillId' like ${prefix}
      union
      select distinct 'project', j.id::text, substr(s->>'skillId', ${cut})
        from projects j, jsonb_array_elements(j.skills) s
        where s->>'skillId' like ${prefix}
    ), spelled as (
      select lower(name) as key, name, count(*) as n from uses group by lower(name), name
    ), best as (
      select distinct on (key) key, name from spelled order by key, n desc, name
    )
    select best.name,
           count(distinct uses.owner) filter (where uses.source = 'profile')::int as profiles,
           count(distinct uses.owner) filter (where uses.source = 'project')::int as projects,
           count(distinct (uses.source, uses.owner))::int as total
      from uses join best on best.key = lower(uses.name)
      group by best.name
      order by total desc, best.name
      limit ${limit}`,
  );
  return rows.map((row) => ({
    name: row.name,
    profiles: Number(row.profiles),
    projects: Number(row.projects),
    total: Number(row.total),
  }));
}
