import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { ProgrammeAccess } from '../../auth/permissions.ts';
import { SECTOR_LABELS, type Sector } from '../../../shared/marketplace.ts';
import {
  NON_COMPLETION_LABELS,
  PROGRAMME_UNDER_SERVED_SECTORS,
  type NonCompletionReason,
} from '../../../shared/programmes.ts';
import type { FigureTable, FiguresFilter, ProgrammeFigures } from '../../../shared/schemas/programmes.ts';
export type { FigureDefinition } from './figures-scope.ts';
import { accessByGroupFigure } from './access-figures.ts';
import { figuresScope, monthOf, type FigureDefinition } from './figures-scope.ts';
import { notFound } from '../../errors.ts';
import { queryRows } from '../../db/sql-rows.ts';

type Row = Record<string, string | number | null>;

const sectorLabel = (sector: unknown) => SECTOR_LABELS[sector as Sector] ?? String(sector);
const underServed = sql.raw(PROGRAMME_UNDER_SERVED_SECTORS.map((sector) => `'${sector}'`).join(', '));
const days = (later: string, earlier: string) =>
  sql.raw(`greatest(extract(epoch from (${later} - ${earlier})) / 86400, 0)`);

const numbers = (row: Row, keys: string[]) => {
  for (const key of keys) if (row[key] !== null) row[key] = Number(row[key]);
  return row;
};

export const FIGURES: FigureDefinition[] = [
  {
    id: 'activity-by-month',
    title: 'Projects posted, published, filled and completed by month',
    columns: [
      { key: 'month', label: 'Month' },
      { key: 'posted', label: 'Posted' },
      { key: 'published', label: 'Published' },
      { key: 'filled', label: 'Filled' },
      { key: 'completed', label: 'Completed' },
    ],
    async run(db, scope) {
      const rows = await queryRows<Row>(
        db,
        sql`${scope}, events as (
          select ${monthOf('created_at')} as month, 'posted' as kind from facts
          union all select ${monthOf('published_at')}, 'published' from facts where published_at is not null
          union all select ${monthOf('accepted_at')}, 'filled' from facts where accepted_at is not null
          union all select ${monthOf('completed_at')}, 'completed' from facts where completed_at is not null
        )
        select month,
          count(*) filter (where kind = 'posted')::int as posted,
          count(*) filter (where kind = 'published')::int as published,
          count(*) filter (where kind = 'filled')::int as filled,
          count(*) filter (where kind = 'completed')::int as completed
        from events group by month order by month`,
      );
      return rows.map((row) => numbers(row, ['posted', 'published', 'filled', 'completed']));
    },
  },
  {
    id: 'by-sector',
    title: 'Projects by sector',
    columns: [
      { key: 'sector', label: 'Sector' },
      { key: 'posted', label: 'Posted' },
      { key: 'published', label: 'Published' },
      { key: 'filled', label: 'Filled' },
      { key: 'completed', label: 'Completed' },
    ],
    async run(db, scope) {
      const rows = await queryRows<Row>(
        db,
        sql`${scope}
        select sector::text as sector, count(*)::int as posted, count(published_at)::int as published,
          count(accepted_at)::int as filled, count(completed_at)::int as completed
        from facts group by sector order by count(*) desc, sector`,
      );
      return rows.map((row) => ({
        ...numbers(row, ['posted', 'published', 'filled', 'completed']),
        sector: sectorLabel(row.sector),
      }));
    },
  },
  {
    id: 'under-served',
    title: 'Share of projects from under-served sectors (retail, nonprofit, community, social enterprise)',
    columns: [
      { key: 'group', label: 'Sectors' },
      { key: 'projects', label: 'Projects posted' },
      { key: 'share', label: 'Share (%)' },
    ],
    async run(db, scope) {
      const [row] = await queryRows<{ under: number; total: number }>(
        db,
        sql`${scope}
        select count(*) filter (where sector in (${underServed}))::int as under, count(*)::int as total
        from scoped`,
      );
      const under = Number(row?.under ?? 0);
      const total = Number(row?.total ?? 0);
      const share = (n: number) => (total === 0 ? null : Math.round((1000 * n) / total) / 10);
      return [
        { group: 'Under-served sectors', projects: under, share: share(under) },
        { group: 'Other sectors', projects: total - under, share: share(total - under) },
      ];
    },
  },
  {
    id: 'time-to-match',
    title: 'Days from publishing to the first applicant and to acceptance',
    columns: [
      { key: 'measure', label: 'Measure' },
      { key: 'projects', label: 'Projects' },
      { key: 'median', label: 'Median (days)' },
      { key: 'p90', label: '90th percentile (days)' },
    ],
    async run(db, scope) {
      const firstApplicant = days('first_applied_at', 'published_at');
      const acceptance = days('accepted_at', 'published_at');
      const rows = await queryRows<Row>(
        db,
        sql`${scope}
        select 'First applicant' as measure, count(*)::int as projects,
          round((percentile_cont(0.5) within group (order by ${firstApplicant}))::numeric, 1)::float as median,
          round((percentile_cont(0.9) within group (order by ${firstApplicant}))::numeric, 1)::float as p90
        from facts where published_at is not null and first_applied_at is not null
        union all
        select 'Acceptance', count(*)::int,
          round((percentile_cont(0.5) within group (order by ${acceptance}))::numeric, 1)::float,
          round((percentile_cont(0.9) within group (order by ${acceptance}))::numeric, 1)::float
        from facts where published_at is not null and accepted_at is not null`,
      );
      return rows.map((row) => numbers(row, ['projects', 'median', 'p90']));
    },
  },
  {
    id: 'applications-per-project',
    title: 'Applications per published project',
    columns: [
      { key: 'applications', label: 'Applications' },
      { key: 'projects', label: 'Projects' },
    ],
    async run(db, scope) {
      const rows = await queryRows<Row>(
        db,
        sql`${scope}, bucketed as (
          select case when application_count <= 2 then application_count::text
                      when application_count <= 5 then '3–5'
                      when application_count <= 10 then '6–10' else '11+' end as bucket,
                 least(application_count, 3) + (application_count > 5)::int + (application_count > 10)::int as position
          from facts where published_at is not null
        ),
        buckets(bucket, position) as (values ('0', 0), ('1', 1), ('2', 2), ('3–5', 3), ('6–10', 4), ('11+', 5))
        select b.bucket as applications, count(x.bucket)::int as projects
        from buckets b left join bucketed x on x.position = b.position
        group by b.bucket, b.position order by b.position`,
      );
      return rows.map((row) => numbers(row, ['projects']));
    },
  },
  {
    id: 'completion',
    title: 'Placements by outcome, with reasons for non-completion',
    columns: [
      { key: 'outcome', label: 'Outcome' },
      { key: 'placements', label: 'Placements' },
      { key: 'share', label: 'Share of ended placements (%)' },
    ],
    async run(db, scope) {
      const rows = await queryRows<{ outcome: string; placements: number }>(
        db,
        sql`${scope}
        select case when w.status = 'completed' then 'completed'
                    when nc.reason is not null then nc.reason::text else 'active' end as outcome,
               count(*)::int as placements
        from placements w left join workspace_non_completions nc on nc.workspace_id = w.id
        group by 1 order by 2 desc, 1`,
      );
      const ended = rows
        .filter((row) => row.outcome !== 'active')
        .reduce((sum, row) => sum + Number(row.placements), 0);
      const label = (outcome: string) =>
        outcome === 'completed'
          ? 'Completed'
          : outcome === 'active'
            ? 'Still under way'
            : `Not completed: ${NON_COMPLETION_LABELS[outcome as NonCompletionReason] ?? outcome}`;
      return rows.map((row) => ({
        outcome: label(row.outcome),
        placements: Number(row.placements),
        share:
          row.outcome === 'active' || ended === 0
            ? null
            : Math.round((1000 * Number(row.placements)) / ended) / 10,
      }));
    },
  },
  {
    id: 'hours-and-fees',
    title: 'Hours of work and fees paid for completed placements',
    columns: [
      { key: 'currency', label: 'Currency' },
      { key: 'placements', label: 'Completed placements' },
      { key: 'hours', label: 'Hours of work' },
      { key: 'fees', label: 'Fees paid' },
    ],
    async run(db, scope) {
      const rows = await queryRows<Row>(
        db,
        sql`${scope}
        select s.currency, count(*)::int as placements,
          sum(s.duration_weeks * s.hours_per_week)::int as hours, sum(coalesce(s.fee, 0))::int as fees
        from placements w join scoped s on s.id = w.project_id
        where w.status = 'completed' group by s.currency order by s.currency`,
      );
      return rows.map((row) => numbers(row, ['placements', 'hours', 'fees']));
    },
  },
  {
    // Only workspaces whose supervisor turned the time log on have lines; confirmed hours are the
    // ones a supervisor signed off, the figure a programme can report to its funder.
    id: 'time-log',
    title: 'Hours logged and confirmed in time logs',
    columns: [
      { key: 'measure', label: 'Hours' },
      { key: 'hours', label: 'Total' },
      { key: 'placements', label: 'Placements' },
    ],
    async run(db, scope) {
      const rows = await queryRows<Row>(
        db,
        sql`${scope}, logged as (
          select e.workspace_id, e.hours, e.status from time_log_entries e join placements w on w.id = e.workspace_id
        )
        select m.measure,
          coalesce(sum(l.hours) filter (where m.position = 0 or l.status = 'confirmed'), 0)::float8 as hours,
          count(distinct l.workspace_id) filter (where m.position = 0 or l.status = 'confirmed')::int as placements
        from (values ('Logged', 0), ('Logged and confirmed', 1)) as m(measure, position)
        left join logged l on true
        group by m.measure, m.position order by m.position`,
      );
      return rows.map((row) => numbers(row, ['hours', 'placements']));
    },
  },
  {
    id: 'feedback',
    title: 'Feedback ratings after completion',
    columns: [
      { key: 'rating', label: 'Rating (1–5)' },
      { key: 'interns', label: 'From interns' },
      { key: 'supervisors', label: 'From supervisors' },
    ],
    async run(db, scope) {
      const rows = await queryRows<Row>(
        db,
        sql`${scope}
        select r.rating, count(f.id) filter (where f.side = 'intern')::int as interns,
          count(f.id) filter (where f.side = 'supervisor')::int as supervisors
        from generate_series(1, 5) as r(rating)
        left join (select f.* from workspace_feedback f join placements w on w.id = f.workspace_id) f
          on f.rating = r.rating
        group by r.rating order by r.rating`,
      );
      return rows.map((row) => numbers(row, ['rating', 'interns', 'supervisors']));
    },
  },
  {
    id: 'weekly-hours',
    title: 'Hours a week students can give',
    columns: [
      { key: 'hours', label: 'Hours a week' },
      { key: 'students', label: 'Students' },
    ],
    async run(db, scope) {
      const rows = await queryRows<Row>(
        db,
        sql`${scope}, bucketed as (
          select case when sp.hours_per_week is null then 5
                      when sp.hours_per_week <= 5 then 0 when sp.hours_per_week <= 10 then 1
                      when sp.hours_per_week <= 15 then 2 when sp.hours_per_week <= 20 then 3 else 4 end as position
          from (select distinct user_id from people) p
          left join student_profiles sp on sp.user_id = p.user_id
        ),
        buckets(hours, position) as (values ('1–5', 0), ('6–10', 1), ('11–15', 2), ('16–20', 3), ('21+', 4), ('Not given', 5))
        select b.hours, count(x.position)::int as students
        from buckets b left join bucketed x on x.position = b.position
        group by b.hours, b.position order by b.position`,
      );
      return rows.map((row) => numbers(row, ['students']));
    },
  },
  accessByGroupFigure,
];

export function findFigure(id: string): FigureDefinition {
  const figure = FIGURES.find((candidate) => candidate.id === id);
  if (!figure) throw notFound('That table', 'figure_not_found');
  return figure;
}

export async function computeFigureTable(
  db: Db,
  access: ProgrammeAccess,
  filter: FiguresFilter,
  figure: FigureDefinition,
): Promise<FigureTable> {
  const rows = await figure.run(db, figuresScope(access.programmeId, filter));
  return { id: figure.id, title: figure.title, columns: figure.columns, rows };
}

/** Every chart's numbers for the dashboard; each is one SQL statement over indexed look-ups. */
export async function computeProgrammeFigures(
  db: Db,
  access: ProgrammeAccess,
  filter: FiguresFilter,
): Promise<ProgrammeFigures> {
  const tables: FigureTable[] = [];
  for (const figure of FIGURES) tables.push(await computeFigureTable(db, access, filter, figure));
  return {
    programmeId: access.programmeId,
    filter: { from: filter.from ?? null, to: filter.to ?? null, sector: filter.sector ?? null },
    tables,
  };
}
