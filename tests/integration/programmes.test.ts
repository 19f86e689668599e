import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type ApiClient } from '../helpers/api-client.ts';
import { apply, makeOrg, projectBody } from '../helpers/marketplace.ts';
import { makeAdmin, makeInviteCode, makeProgramme, makeStaff } from '../helpers/programmes.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app.stop();
});

const exec = (statement: ReturnType<typeof sql>) => app.database.db.execute(statement);
type Table = { id: string; rows: Record<string, unknown>[] };
const table = (figures: { tables: Table[] }, id: string) => figures.tables.find((t) => t.id === id)!.rows;

async function postProject(supervisor: ApiClient, orgId: string, overrides: Record<string, unknown> = {}) {
  const created = await supervisor.post('/api/projects', projectBody(orgId, overrides));
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function publish(supervisor: ApiClient, projectId: string) {
  expect((await supervisor.post(`/api/projects/${projectId}/publish`)).status).toBe(200);
}

/** Puts a project's life on known dates, so every figure can be checked by hand. */
async function setProjectDates(projectId: string, createdAt: string, publishedAt: string | null) {
  await exec(sql`update projects set created_at = ${createdAt}::timestamptz,
    published_at = ${publishedAt}::timestamptz where id = ${projectId}`);
}
async function setApplicationDates(applicationId: string, createdAt: string, updatedAt = createdAt) {
  await exec(sql`update applications set created_at = ${createdAt}::timestamptz,
    updated_at = ${updatedAt}::timestamptz where id = ${applicationId}`);
}

describe('a programme run through a term', () => {
  let admin: ApiClient;
  let staff: ApiClient;
  let otherStaff: ApiClient;
  let programme: { id: string };
  let figuresUrl: string;

  beforeAll(async () => {
    admin = await makeAdmin(app);
    programme = await makeProgramme(admin, { hourlyFeeFloor: 20 });
    const other = await makeProgramme(admin, { name: 'Another programme' });
    staff = await makeStaff(app.url, admin, programme.id);
    otherStaff = await makeStaff(app.url, admin, other.id);
    figuresUrl = `/api/programmes/${programme.id}/figures`;

    // Two cohorts of organisations join with codes; one organisation stays outside.
    const autumn = await makeInviteCode(staff, programme.id, 'organisation', 'Autumn');
    const spring = await makeInviteCode(staff, programme.id, 'organisation', 'Spring');
    const studentsCode = await makeInviteCode(staff, programme.id, 'student', 'Autumn');
    const shop = await makeOrg(app.url, { name: 'Corner Thread', sector: 'retail' });
    const foodBank = await makeOrg(app.url, { name: 'Food Bank', sector: 'nonprofit' });
    const firm = await makeOrg(app.url, { name: 'Small Firm', sector: 'small_business' });
    const outsider = await makeOrg(app.url, { name: 'Outsider', sector: 'retail' });
    for (const [who, code] of [
      [shop, autumn],
      [foodBank, autumn],
      [firm, spring],
    ] as const) {
      const joined = await who.supervisor.post(`/api/programme-invites/${code.code}/join`, {
        orgId: who.org.id,
      });
      expect(joined.status).toBe(200);
    }

    // Four students: three apply, one joins with the student code and never applies.
    const [s1, s2, s3, s4] = await Promise.all([1, 2, 3, 4].map(() => signUp(app.url, { role: 'student' })));
    for (const [student, hours] of [
      [s1!, 6],
      [s2!, 12],
      [s4!, 3],
    ] as const) {
      expect((await student.put('/api/students/me/profile', { hoursPerWeek: hours })).status).toBe(200);
    }
    expect((await s1!.post(`/api/programme-invites/${studentsCode.code}/join`)).status).toBe(200);
    expect((await s4!.post(`/api/programme-invites/${studentsCode.code}/join`)).status).toBe(200);
    await s1!.put('/api/students/me/access-answers', { firstInFamily: true });
    await s2!.put('/api/students/me/access-answers', { firstInFamily: false });
    await s4!.put('/api/students/me/access-answers', { firstInFamily: true, region: 'Leeds' });

    // p1 (retail): published 6 Jan, applicants after 1 and 3 days, accepted after 4, completed 20 Feb.
    const p1 = await postProject(shop.supervisor, shop.org.id, {
      fee: 400,
      durationWeeks: 4,
      hoursPerWeek: 6,
    });
    await publish(shop.supervisor, p1);
    const a1 = await apply(s1!, p1);
    const a2 = await apply(s2!, p1);
    const w1 = (await shop.supervisor.post(`/api/applications/${a1.id}/accept`)).body.workspaceId as string;
    await setProjectDates(p1, '2026-01-05T09:00:00Z', '2026-01-06T00:00:00Z');
    await setApplicationDates(a1.id, '2026-01-07T00:00:00Z', '2026-01-10T00:00:00Z');
    await setApplicationDates(a2.id, '2026-01-09T00:00:00Z');
    await exec(sql`update workspaces set status = 'completed', completed_at = '2026-02-20T12:00:00Z'
      where id = ${w1}`);
    await exec(sql`insert into workspace_feedback (workspace_id, author_id, side, rating, comment) values
      (${w1}, ${s1!.user.id}, 'intern', 5, 'Great'), (${w1}, ${shop.supervisor.user.id}, 'supervisor', 4, 'Good')`);

    // p2 (nonprofit): published 1 Feb, applicant after 2 days, accepted after 10, then withdrew.
    const p2 = await postProject(foodBank.supervisor, foodBank.org.id, { fee: 300 });
    await publish(foodBank.supervisor, p2);
    const a3 = await apply(s3!, p2);
    const w2 = (await foodBank.supervisor.post(`/api/applications/${a3.id}/accept`)).body
      .workspaceId as string;
    await setProjectDates(p2, '2026-01-20T10:00:00Z', '2026-02-01T00:00:00Z');
    await setApplicationDates(a3.id, '2026-02-03T00:00:00Z', '2026-02-11T00:00:00Z');
    const recorded = await staff.post(`/api/programmes/${programme.id}/non-completions`, {
      workspaceId: w2,
      reason: 'student_withdrew',
      note: 'Took a full-time job.',
    });
    expect(recorded.status).toBe(201);

    // p3 (small business): published 12 Feb, nobody applied. p4: a draft.
    const p3 = await postProject(firm.supervisor, firm.org.id);
    await publish(firm.supervisor, p3);
    await setProjectDates(p3, '2026-02-10T10:00:00Z', '2026-02-12T00:00:00Z');
    const p4 = await postProject(firm.supervisor, firm.org.id);
    await setProjectDates(p4, '2026-02-15T10:00:00Z', null);

    // Outside the programme: must not count anywhere.
    const p5 = await postProject(outsider.supervisor, outsider.org.id);
    await publish(outsider.supervisor, p5);
    await apply(s1!, p5);
  });

  it('lets only the admin create programmes, and rejects a term that ends before it starts', async () => {
    expect(
      (await staff.post('/api/programmes', { name: 'X', startsOn: '2026-01-01', endsOn: '2026-02-01' }))
        .status,
    ).toBe(403);
    const backwards = await admin.post('/api/programmes', {
      name: 'X',
      startsOn: '2026-03-01',
      endsOn: '2026-02-01',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.code).toBe('validation_failed');
    const created = await admin.post('/api/programmes', {
      name: 'Term',
      startsOn: '2026-01-01',
      endsOn: '2026-02-01',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      name: 'Term',
      region: '',
      hourlyFeeFloor: null,
    });
  });

  it('shows staff only their programme: strangers 404, other staff 403, the admin everything', async () => {
    const stranger = await signUp(app.url, { role: 'supervisor' });
    expect((await stranger.get(figuresUrl)).status).toBe(404);
    expect((await otherStaff.get(figuresUrl)).status).toBe(403);
    expect((await staff.get(figuresUrl)).status).toBe(200);
    expect((await admin.get(figuresUrl)).status).toBe(200);
    const mine = await staff.get('/api/programmes');
    expect(mine.body.items.map((p: { id: string }) => p.id)).toEqual([programme.id]);
    const all = await admin.get('/api/programmes');
    expect(all.body.items.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps an organisation in one programme and puts its projects in it', async () => {
    const [otherProgramme] = (await otherStaff.get('/api/programmes')).body.items;
    const code = await makeInviteCode(otherStaff, otherProgramme.id, 'organisation');
    const { supervisor, org } = await makeOrg(app.url);
    const code1 = await makeInviteCode(staff, programme.id, 'organisation');
    expect(
      (await supervisor.post(`/api/programme-invites/${code1.code}/join`, { orgId: org.id })).status,
    ).toBe(200);
    const again = await supervisor.post(`/api/programme-invites/${code.code}/join`, { orgId: org.id });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_in_programme');
    // The wrong audience and unknown codes are refused.
    const student = await signUp(app.url, { role: 'student' });
    expect((await student.post(`/api/programme-invites/${code1.code}/join`)).status).toBe(403);
    expect((await student.post('/api/programme-invites/NOPE-NOPE/join')).status).toBe(404);
    // The programme's fee floor (20/h) overrides the instance's for its organisations' projects.
    const created = await supervisor.post(
      '/api/projects',
      projectBody(org.id, { fee: 300, durationWeeks: 4, hoursPerWeek: 5 }),
    );
    expect(created.status).toBe(201);
    expect(created.body.scoping.suggestedFee).toMatchObject({ hourlyFloor: 20, hours: 20, amount: 400 });
    await exec(sql`delete from projects where id = ${created.body.id}`);
  });

  it('invites staff by email, also before they have an account', async () => {
    const email = `later-${Date.now()}@example.test`;
    const invited = await staff.post(`/api/programmes/${programme.id}/staff`, { email });
    expect(invited.status).toBe(201);
    expect(invited.body.status).toBe('invited');
    const newcomer = await signUp(app.url, { role: 'mentor', email });
    const mine = await newcomer.get('/api/programmes');
    expect(mine.body.items.map((p: { id: string }) => p.id)).toEqual([programme.id]);
    const list = await staff.get(`/api/programmes/${programme.id}/staff`);
    expect(list.body.items.map((s: { email: string }) => s.email)).toContain(email);
  });

  it('computes every figure of the hand-built term, number by number', async () => {
    const response = await staff.get(figuresUrl);
    expect(response.status).toBe(200);
    const figures = response.body;
    expect(table(figures, 'activity-by-month')).toEqual([
      { month: '2026-01', posted: 2, published: 1, filled: 1, completed: 0 },
      { month: '2026-02', posted: 2, published: 2, filled: 1, completed: 1 },
    ]);
    expect(table(figures, 'by-sector')).toEqual([
      { sector: 'Small business', posted: 2, published: 1, filled: 0, completed: 0 },
      { sector: 'Nonprofit', posted: 1, published: 1, filled: 1, completed: 0 },
      { sector: 'Retail', posted: 1, published: 1, filled: 1, completed: 1 },
    ]);
    expect(table(figures, 'under-served')).toEqual([
      { group: 'Under-served sectors', projects: 2, share: 50 },
      { group: 'Other sectors', projects: 2, share: 50 },
    ]);
    expect(table(figures, 'time-to-match')).toEqual([
      { measure: 'First applicant', projects: 2, median: 1.5, p90: 1.9 },
      { measure: 'Acceptance', projects: 2, median: 7, p90: 9.4 },
    ]);
    expect(table(figures, 'applications-per-project')).toEqual([
      { applications: '0', projects: 1 },
      { applications: '1', projects: 1 },
      { applications: '2', projects: 1 },
      { applications: '3–5', projects: 0 },
      { applications: '6–10', projects: 0 },
      { applications: '11+', projects: 0 },
    ]);
    expect(table(figures, 'completion')).toEqual([
      { outcome: 'Completed', placements: 1, share: 50 },
      { outcome: 'Not completed: Student withdrew', placements: 1, share: 50 },
    ]);
    expect(table(figures, 'hours-and-fees')).toEqual([
      { currency: 'GBP', placements: 1, hours: 24, fees: 400 },
    ]);
    expect(table(figures, 'feedback')).toEqual([
      { rating: 1, interns: 0, supervisors: 0 },
      { rating: 2, interns: 0, supervisors: 0 },
      { rating: 3, interns: 0, supervisors: 0 },
      { rating: 4, interns: 0, supervisors: 1 },
      { rating: 5, interns: 1, supervisors: 0 },
    ]);
    expect(table(figures, 'weekly-hours')).toEqual([
      { hours: '1–5', students: 1 },
      { hours: '6–10', students: 1 },
      { hours: '11–15', students: 1 },
      { hours: '16–20', students: 0 },
      { hours: '21+', students: 0 },
      { hours: 'Not given', students: 1 },
    ]);
  });

  it('suppresses every access cell under 5, totals included', async () => {
    const rows = table((await staff.get(figuresUrl)).body, 'access-by-group');
    const firstInFamily = rows.filter((row) => row.question === 'First in family at university');
    expect(firstInFamily.map((row) => row.group)).toEqual(['Yes', 'No', 'Not answered', 'Total']);
    for (const row of rows) {
      for (const key of ['students', 'applied', 'accepted', 'completed']) expect(row[key]).toBe('< 5');
      expect(row.completionRate).toBe('suppressed');
    }
    const region = rows.filter((row) => row.question === 'Region').map((row) => row.group);
    expect(region).toEqual(['Leeds', 'Not answered', 'Total']);
    // Nothing that names a person leaves the server.
    expect(JSON.stringify(rows)).not.toMatch(/@example\.test|[0-9a-f]{8}-[0-9a-f]{4}/);
  });

  it('filters by sector and date range', async () => {
    const retail = (await staff.get(`${figuresUrl}?sector=retail`)).body;
    expect(table(retail, 'by-sector')).toEqual([
      { sector: 'Retail', posted: 1, published: 1, filled: 1, completed: 1 },
    ]);
    expect(table(retail, 'weekly-hours').reduce((sum, row) => sum + Number(row.students), 0)).toBe(2);
    const february = (await staff.get(`${figuresUrl}?from=2026-02-01&to=2026-02-28`)).body;
    expect(february.filter).toEqual({ from: '2026-02-01', to: '2026-02-28', sector: null });
    expect(table(february, 'activity-by-month')).toEqual([
      { month: '2026-02', posted: 2, published: 1, filled: 0, completed: 0 },
    ]);
    const january = (await staff.get(`${figuresUrl}?to=2026-01-20`)).body;
    expect(table(january, 'by-sector').map((row) => row.sector)).toEqual(['Nonprofit', 'Retail']);
  });

  it('answers invalid filters with 400 and the error shape', async () => {
    for (const query of [
      'from=2026-13-01',
      'sector=banking',
      'from=2026-03-01&to=2026-02-01',
      'colour=red',
    ]) {
      const response = await staff.get(`${figuresUrl}?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'validation_failed', message: expect.any(String) });
    }
    expect((await staff.get(`${figuresUrl}/no-such-table.csv`)).status).toBe(404);
  });

  it('downloads any table as CSV, with the same filters', async () => {
    const response = await fetch(`${app.url}${figuresUrl}/by-sector.csv?sector=nonprofit`, {
      headers: { cookie: staff.cookie! },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/by-sector\.csv/);
    expect(await response.text()).toBe('Sector,Posted,Published,Filled,Completed\r\nNonprofit,1,1,1,0\r\n');
    const stranger = await signUp(app.url);
    const refused = await fetch(`${app.url}${figuresUrl}/by-sector.csv`, {
      headers: { cookie: stranger.cookie! },
    });
    expect(refused.status).toBe(404);
  });
});

describe('access answers', () => {
  it('are optional, the student’s own, and deletable', async () => {
    const student = await signUp(app.url, { role: 'student' });
    expect((await student.get('/api/students/me/access-answers')).body).toEqual({ answers: null });
    const saved = await student.put('/api/students/me/access-answers', { caringResponsibilities: true });
    expect(saved.status).toBe(200);
    expect(saved.body.answers).toEqual({
      firstInFamily: null,
      worksWhileStudying: null,
      caringResponsibilities: true,
      disability: null,
      careExperienced: null,
      region: null,
    });
    expect((await student.put('/api/students/me/access-answers', { disability: 'yes' })).status).toBe(400);
    expect((await student.delete('/api/students/me/access-answers')).status).toBe(204);
    expect((await student.get('/api/students/me/access-answers')).body).toEqual({ answers: null });
    const supervisor = await signUp(app.url, { role: 'supervisor' });
    expect((await supervisor.get('/api/students/me/access-answers')).status).toBe(403);
  });
});
