import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type ApiClient } from '../helpers/api-client.ts';
import { apply, makeOrg, projectBody } from '../helpers/marketplace.ts';
import { dropOpenMilestones, ENDORSEMENT } from '../helpers/portfolio.ts';
import { makeAdmin, makeInviteCode, makeProgramme, makeStaff } from '../helpers/programmes.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { addMember } from '../helpers/workspace.ts';
import { queryRows } from '../../server/db/sql-rows.ts';

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app.stop();
});

/** A programme's project accepted: its workspace with an intern, a mentor and a viewer. */
async function makeProgrammeWorkspace() {
  const admin = await makeAdmin(app);
  const programme = await makeProgramme(admin);
  const staff = await makeStaff(app.url, admin, programme.id);
  const code = await makeInviteCode(staff, programme.id, 'organisation');
  const { supervisor, org } = await makeOrg(app.url, { name: 'Corner Thread', sector: 'retail' });
  expect((await supervisor.post(`/api/programme-invites/${code.code}/join`, { orgId: org.id })).status).toBe(
    200,
  );
  const project = await supervisor.post('/api/projects', projectBody(org.id));
  expect((await supervisor.post(`/api/projects/${project.body.id}/publish`)).status).toBe(200);
  const intern = await signUp(app.url, { role: 'student', name: 'Zoë Intern' });
  const application = await apply(intern, project.body.id);
  const accepted = await supervisor.post(`/api/applications/${application.id}/accept`);
  expect(accepted.status).toBe(200);
  const workspaceId = accepted.body.workspaceId as string;
  const mentor = await signUp(app.url, { role: 'mentor' });
  const viewer = await signUp(app.url, { role: 'student' });
  await addMember(supervisor, workspaceId, mentor, 'mentor');
  await addMember(supervisor, workspaceId, viewer, 'viewer');
  const stranger = await signUp(app.url, { role: 'student' });
  const log = `/api/workspaces/${workspaceId}/time-log`;
  return { staff, programme, supervisor, intern, mentor, viewer, stranger, workspaceId, log };
}

const entryCount = async (workspaceId: string) => {
  const [row] = await queryRows<{ n: number }>(
    app.database.db,
    sql`select count(*)::int as n from time_log_entries where workspace_id = ${workspaceId}`,
  );
  return Number(row!.n);
};

const hoursFigure = async (staff: ApiClient, programmeId: string) =>
  (
    (await staff.get(`/api/programmes/${programmeId}/figures`)).body.tables as {
      id: string;
      rows: { measure: string; hours: number; placements: number }[];
    }[]
  ).find((table) => table.id === 'time-log')!.rows;

// Each test builds a programme, an organisation and five accounts; on a busy machine that alone
// can take most of the default 30 s.
describe('the time log', { timeout: 90_000 }, () => {
  it('is off until the supervisor turns it on; the intern logs, the supervisor confirms or sends back', async () => {
    const { supervisor, intern, log } = await makeProgrammeWorkspace();
    expect((await intern.get(log)).body).toMatchObject({ enabled: false, items: [], confirmedHours: 0 });
    const early = await intern.put(`${log}/weeks/2026-W10`, { hours: 6, summary: 'Planned the posts' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('time_log_off');

    const on = await supervisor.put(`${log}/settings`, { enabled: true });
    expect(on.status).toBe(200);
    expect(on.body.enabled).toBe(true);

    const first = await intern.put(`${log}/weeks/2026-W10`, { hours: 6.5, summary: 'Planned the posts' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ week: '2026-W10', hours: 6.5, status: 'submitted' });
    // Logging the same week again changes that line rather than adding one.
    const changed = await intern.put(`${log}/weeks/2026-W10`, { hours: 7, summary: 'Planned twelve posts' });
    expect(changed.status).toBe(200);
    expect(changed.body.id).toBe(first.body.id);
    const second = await intern.put(`${log}/weeks/2026-W11`, { hours: 5, summary: 'Shot the photos' });
    expect(second.status).toBe(201);

    const confirmed = await supervisor.post(`/api/time-log/${first.body.id}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect((await supervisor.post(`/api/time-log/${first.body.id}/confirm`)).status).toBe(409);
    const locked = await intern.put(`${log}/weeks/2026-W10`, { hours: 9, summary: 'More' });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('time_log_confirmed');

    const returned = await supervisor.post(`/api/time-log/${second.body.id}/return`, {
      note: 'Five hours? We agreed four.',
    });
    expect(returned.body).toMatchObject({ status: 'returned', reviewNote: 'Five hours? We agreed four.' });
    const again = await intern.put(`${log}/weeks/2026-W11`, { hours: 4, summary: 'Shot the photos' });
    expect(again.body.status).toBe('submitted');
    expect((await supervisor.post(`/api/time-log/${second.body.id}/confirm`)).status).toBe(200);

    const read = await intern.get(log);
    expect(read.body).toMatchObject({ enabled: true, confirmedHours: 11, loggedHours: 11, next: null });
    expect(read.body.items.map((item: { week: string }) => item.week)).toEqual(['2026-W11', '2026-W10']);
  });

  it('rights: the intern logs, the supervisor confirms, mentor and viewer read, a stranger gets 404', async () => {
    const { supervisor, intern, mentor, viewer, stranger, log } = await makeProgrammeWorkspace();
    expect((await supervisor.put(`${log}/settings`, { enabled: true })).status).toBe(200);
    const body = { hours: 3, summary: 'Wrote captions' };
    for (const [who, client] of [
      ['supervisor', supervisor],
      ['mentor', mentor],
      ['viewer', viewer],
    ] as const)
      expect((await client.put(`${log}/weeks/2026-W12`, body)).status, who).toBe(403);
    expect((await stranger.put(`${log}/weeks/2026-W12`, body)).status).toBe(404);
    for (const client of [intern, mentor, viewer])
      expect((await client.put(`${log}/settings`, { enabled: false })).status).toBe(403);
    expect((await stranger.put(`${log}/settings`, { enabled: false })).status).toBe(404);

    const entry = (await intern.put(`${log}/weeks/2026-W12`, body)).body;
    for (const client of [intern, mentor, viewer]) {
      expect((await client.post(`/api/time-log/${entry.id}/confirm`)).status).toBe(403);
      const read = await client.get(log);
      expect(read.status).toBe(200);
      expect(read.body.items).toHaveLength(1);
    }
    const strangerRead = await stranger.get(log);
    expect(strangerRead.status).toBe(404);
    expect(strangerRead.body.error.code).toBe('workspace_not_found');
    const strangerConfirm = await stranger.post(`/api/time-log/${entry.id}/confirm`);
    expect(strangerConfirm.status).toBe(404);
    expect(strangerConfirm.body.error.code).toBe('time_log_entry_not_found');
    expect((await supervisor.post('/api/time-log/not-a-uuid/confirm')).status).toBe(404);
  });

  it('bad input is a 400 with the error shape, and nothing is written', async () => {
    const { supervisor, intern, workspaceId, log } = await makeProgrammeWorkspace();
    expect((await supervisor.put(`${log}/settings`, { enabled: 'yes' })).status).toBe(400);
    expect((await supervisor.put(`${log}/settings`, { enabled: true })).status).toBe(200);
    const bad: [string, unknown][] = [
      ['2026-W10', { hours: 61, summary: 'Too many' }],
      ['2026-W10', { hours: -1, summary: 'Negative' }],
      ['2026-W10', { hours: 2.1, summary: 'Not a quarter' }],
      ['2026-W10', { hours: '5', summary: 'A string' }],
      ['2026-W10', { hours: 5, summary: '   ' }],
      ['2026-W10', { hours: 5, summary: 'x'.repeat(301) }],
      ['2026-W10', { hours: 5, summary: 'ok', extra: true }],
      ['2026-W00', { hours: 5, summary: 'No week 0' }],
      ['2025-W53', { hours: 5, summary: '2025 has 52 weeks' }],
      ['2026-10', { hours: 5, summary: 'Not a week' }],
    ];
    for (const [week, body] of bad) {
      const response = await intern.put(`${log}/weeks/${week}`, body);
      expect(response.status, JSON.stringify([week, body])).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
      expect(typeof response.body.error.message).toBe('string');
    }
    expect(await entryCount(workspaceId)).toBe(0);
    // 2020 had 53 ISO weeks, so that week exists.
    expect((await intern.put(`${log}/weeks/2020-W53`, { hours: 0, summary: 'Holiday week' })).status).toBe(
      201,
    );
    const entry = (await intern.get(log)).body.items[0];
    expect((await supervisor.post(`/api/time-log/${entry.id}/return`, { note: ' ' })).status).toBe(400);
    expect((await intern.get(log)).body.items[0].status).toBe('submitted');
  });

  it('confirmed hours reach the portfolio entry and the programme figures; a completed log is read-only', async () => {
    const { staff, programme, supervisor, intern, log, workspaceId } = await makeProgrammeWorkspace();
    expect((await supervisor.put(`${log}/settings`, { enabled: true })).status).toBe(200);
    const confirmedWeek = (await intern.put(`${log}/weeks/2026-W14`, { hours: 8.25, summary: 'Posts' })).body;
    await intern.put(`${log}/weeks/2026-W15`, { hours: 4, summary: 'Report' });
    expect((await supervisor.post(`/api/time-log/${confirmedWeek.id}/confirm`)).status).toBe(200);
    expect(await hoursFigure(staff, programme.id)).toEqual([
      { measure: 'Logged', hours: 12.25, placements: 1 },
      { measure: 'Logged and confirmed', hours: 8.25, placements: 1 },
    ]);

    await dropOpenMilestones(supervisor, workspaceId);
    const completed = await supervisor.post(`/api/workspaces/${workspaceId}/complete`, {
      endorsement: ENDORSEMENT,
      skills: [{ skill: 'Instagram', level: 2 }],
    });
    expect(completed.status).toBe(200);
    const entries = (await intern.get('/api/portfolio/entries')).body.items as {
      workspaceId: string;
      id: string;
      confirmedHours: number | null;
    }[];
    const entry = entries.find((item) => item.workspaceId === workspaceId)!;
    expect(entry.confirmedHours).toBe(8.25);
    const resume = await intern.get(`/api/portfolio/entries/${entry.id}/export?format=json-resume`);
    expect(JSON.stringify(resume.body)).toContain('8.25 hours of work, confirmed by the supervisor');

    // Completed: the log is read, never written.
    expect((await intern.get(log)).body.confirmedHours).toBe(8.25);
    const late = await intern.put(`${log}/weeks/2026-W16`, { hours: 2, summary: 'Late' });
    expect(late.status).toBe(403);
    const pending = (await intern.get(log)).body.items.find(
      (item: { week: string }) => item.week === '2026-W15',
    );
    expect((await supervisor.post(`/api/time-log/${pending.id}/confirm`)).status).toBe(403);
    expect((await supervisor.put(`${log}/settings`, { enabled: false })).status).toBe(403);
  });
});
