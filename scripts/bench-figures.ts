/**
 * Programme dashboard speed: generates (in SQL) one programme with 10,000 projects across 500
 * organisations and 50,000 applications from 5,000 students, then times every dashboard query and
 * prints its median and p95. Embedded PGlite by default; DATABASE_URL for a PostgreSQL server
 * (a database of its own is made and dropped there).
 * Run: npm run bench:figures [-- --projects 10000 --applications 50000 --runs 15]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../server/db/client.ts';
import { FIGURES } from '../server/services/programmes/programme-figures.ts';
import { figuresScope } from '../server/services/programmes/figures-scope.ts';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const PROJECTS = option('projects', 10_000);
const APPLICATIONS = option('applications', 50_000);
const RUNS = option('runs', 15);
const STUDENTS = Math.max(1, Math.round(APPLICATIONS / 10));

async function open(): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `stint_bench_figures_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = openPostgres(url.toString());
    return {
      database,
      cleanup: async () => {
        await database.close();
        await admin.query(`drop database if exists "${name}" with (force)`);
        await admin.end();
      },
    };
  }
  const directory = await mkdtemp(path.join(os.tmpdir(), 'stint-bench-figures-'));
  const database = await openPglite(directory);
  return {
    database,
    cleanup: async () => {
      await database.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

async function generate(database: Database): Promise<string> {
  const { db } = database;
  const programme = (await db.execute(
    sql`insert into programmes (name, starts_on, ends_on) values ('Bench', '2025-01-01', '2025-12-31') returning id`,
  )) as unknown as { rows: { id: string }[] };
  const programmeId = programme.rows[0]!.id;
  await db.execute(sql`insert into users (email, name, role, password_hash)
    select 'student' || i || '@bench.test', 'Student ' || i, 'student', 'x' from generate_series(1, ${STUDENTS}) i`);
  await db.execute(sql`insert into users (email, name, role, password_hash)
    select 'supervisor' || i || '@bench.test', 'Supervisor ' || i, 'supervisor', 'x' from generate_series(1, 500) i`);
  await db.execute(sql`insert into student_profiles (user_id, hours_per_week)
    select id, 1 + (abs(hashtext(id::text)) % 25) from users where role = 'student'`);
  await db.execute(sql`insert into student_access_answers (user_id, first_in_family, works_while_studying, region)
    select id, abs(hashtext(id::text)) % 3 = 0, abs(hashtext(id::text)) % 2 = 0, 'Region ' || (abs(hashtext(id::text)) % 7)
    from users where role = 'student' and abs(hashtext(id::text)) % 4 <> 0`);
  await db.execute(sql`insert into organisations (name, sector, size, work_mode)
    select 'Org ' || i, (enum_range(null::sector))[1 + i % 7], '1-9', 'remote' from generate_series(1, 500) i`);
  await db.execute(
    sql`insert into programme_organisations (org_id, programme_id) select id, ${programmeId}::uuid from organisations`,
  );
  await db.execute(sql`with orgs as (select id, row_number() over () as n from organisations)
    insert into projects (org_id, title, summary, duration_weeks, hours_per_week, work_mode, fee, status,
                          created_at, published_at)
    select o.id, 'Project ' || i, 'Summary', 2 + i % 7, 3 + i % 10, 'remote', 200 + i % 400,
      case when i % 10 = 0 then 'draft'::project_status else 'published'::project_status end,
      timestamptz '2025-01-01' + (i % 330) * interval '1 day',
      case when i % 10 = 0 then null else timestamptz '2025-01-02' + (i % 330) * interval '1 day' end
    from generate_series(1, ${PROJECTS}) i join orgs o on o.n = 1 + i % 500`);
  await db.execute(
    sql`insert into programme_projects (project_id, programme_id) select id, ${programmeId}::uuid from projects`,
  );
  await db.execute(sql`with published as (select id, published_at, row_number() over (order by id) as n
                                          from projects where published_at is not null),
                            students as (select id, row_number() over (order by id) as n from users where role = 'student'),
                            counts as (select count(*) as projects from published)
    insert into applications (project_id, student_id, note, status, created_at, updated_at)
    select p.id, s.id, 'Note',
      case when i % 9 = 0 then 'accepted'::application_status else 'submitted'::application_status end,
      p.published_at + (1 + i % 20) * interval '1 day', p.published_at + (3 + i % 30) * interval '1 day'
    from generate_series(1, ${APPLICATIONS}) i
    cross join counts c
    join published p on p.n = 1 + (i * 7919) % c.projects
    join students s on s.n = 1 + i % ${STUDENTS}
    on conflict do nothing`);
  await db.execute(sql`insert into workspaces (title, status, project_id, created_at, completed_at)
    select 'Placement', case when row_number() over () % 3 = 0 then 'active'::workspace_status else 'completed'::workspace_status end,
      a.project_id, a.updated_at, a.updated_at + interval '30 days'
    from applications a where a.status = 'accepted'`);
  await db.execute(sql`update workspaces set completed_at = null where status = 'active'`);
  await db.execute(
    sql`insert into programme_workspaces (workspace_id, programme_id) select id, ${programmeId}::uuid from workspaces`,
  );
  await db.execute(sql`insert into workspace_members (workspace_id, user_id, role)
    select w.id, a.student_id, 'intern' from workspaces w
    join applications a on a.project_id = w.project_id and a.status = 'accepted' and a.updated_at = w.created_at
    on conflict do nothing`);
  await db.execute(sql`analyze`);
  return programmeId;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

const { database, cleanup } = await open();
try {
  await database.migrate();
  const started = performance.now();
  const programmeId = await generate(database);
  console.log(
    `${database.kind}: ${PROJECTS} projects, ${APPLICATIONS} applications (before de-duplication), ` +
      `${STUDENTS} students generated in ${((performance.now() - started) / 1000).toFixed(1)} s; ${RUNS} runs each\n`,
  );
  const filters = [
    { label: 'no filter', filter: {} },
    { label: 'sector + dates', filter: { sector: 'retail' as const, from: '2025-03-01', to: '2025-08-31' } },
  ];
  let dashboardTotal = 0;
  console.log(
    `${'query'.padEnd(28)}${'filter'.padEnd(17)}${'median ms'.padStart(10)}${'p95 ms'.padStart(10)}`,
  );
  for (const { label, filter } of filters) {
    for (const figure of FIGURES) {
      const times: number[] = [];
      await figure.run(database.db, figuresScope(programmeId, filter));
      for (let run = 0; run < RUNS; run += 1) {
        const start = performance.now();
        await figure.run(database.db, figuresScope(programmeId, filter));
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      if (label === 'no filter') dashboardTotal += percentile(times, 0.5);
      console.log(
        `${figure.id.padEnd(28)}${label.padEnd(17)}${percentile(times, 0.5).toFixed(1).padStart(10)}${percentile(times, 0.95).toFixed(1).padStart(10)}`,
      );
    }
  }
  console.log(`\nwhole dashboard (sum of medians, no filter): ${dashboardTotal.toFixed(0)} ms`);
} finally {
  await cleanup();
}
