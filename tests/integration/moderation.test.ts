import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YJS_CLOSE } from '../../shared/live.ts';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { connected, emitWithAck, eventually, openDocument, openSocket, synced } from '../helpers/live.ts';
import { apply, makeOrg, projectBody } from '../helpers/marketplace.ts';
import { makeAdmin, makeInviteCode, makeProgramme, makeStaff } from '../helpers/programmes.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let app: TestServer;
const providers: { destroy(): void }[] = [];
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  for (const provider of providers) provider.destroy();
  await app.stop();
});

/** A programme with one organisation (joined by code), its published project and a student in it. */
async function makeProgrammeWorld() {
  const admin = await makeAdmin(app);
  const programme = await makeProgramme(admin);
  const other = await makeProgramme(admin, { name: 'Another programme' });
  const staff = await makeStaff(app.url, admin, programme.id);
  const otherStaff = await makeStaff(app.url, admin, other.id);
  const orgCode = await makeInviteCode(staff, programme.id, 'organisation');
  const studentCode = await makeInviteCode(staff, programme.id, 'student');
  const { supervisor, org } = await makeOrg(app.url, { name: 'Corner Thread', sector: 'retail' });
  const joined = await supervisor.post(`/api/programme-invites/${orgCode.code}/join`, { orgId: org.id });
  expect(joined.status).toBe(200);
  const created = await supervisor.post('/api/projects', projectBody(org.id, { title: 'Shop Instagram' }));
  expect(created.status).toBe(201);
  const projectId = created.body.id as string;
  expect((await supervisor.post(`/api/projects/${projectId}/publish`)).status).toBe(200);
  const student = await signUp(app.url, { role: 'student', name: 'Zoë Student' });
  expect((await student.post(`/api/programme-invites/${studentCode.code}/join`, {})).status).toBe(200);
  const p = `/api/programmes/${programme.id}`;
  return { admin, programme, staff, otherStaff, supervisor, org, projectId, student, p };
}

/** The programme's audit rows after the setup's own (the admin making the staff member). */
const auditActions = async (staff: ApiClient, p: string) =>
  ((await staff.get(`${p}/audit`)).body.items as { action: string; reason: string }[])
    .filter((row) => row.action !== 'staff_added')
    .map((row) => `${row.action}: ${row.reason}`);

describe('moderation in a programme', () => {
  it('organisations are unverified until staff verify them, and students see the badge', async () => {
    const { staff, student, org, projectId, p } = await makeProgrammeWorld();
    const card = async () =>
      (
        (await student.get('/api/projects')).body.items as {
          id: string;
          organisation: { verified: boolean };
        }[]
      ).find((project) => project.id === projectId);
    expect((await card())?.organisation.verified).toBe(false);
    expect((await student.get(`/api/projects/${projectId}`)).body.organisation.verified).toBe(false);
    expect((await staff.get(`${p}/orgs`)).body.items).toEqual([
      expect.objectContaining({ id: org.id, name: 'Corner Thread', verified: false }),
    ]);

    const verified = await staff.post(`${p}/orgs/${org.id}/verification`, {
      verified: true,
      reason: 'Met them',
    });
    expect(verified.status).toBe(200);
    expect((await card())?.organisation.verified).toBe(true);
    expect((await student.get(`/api/projects/${projectId}`)).body.organisation.verified).toBe(true);
    // Verifying twice changes nothing and writes nothing.
    expect(
      (await staff.post(`${p}/orgs/${org.id}/verification`, { verified: true, reason: 'x' })).status,
    ).toBe(409);
    expect(await auditActions(staff, p)).toEqual(['org_verified: Met them']);
    // A reason is required: it is what the audit log is for.
    const noReason = await staff.post(`${p}/orgs/${org.id}/verification`, { verified: false, reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('validation_failed');
  });

  it('a paused project leaves the marketplace and takes no applications; a hidden one is not shown', async () => {
    const { staff, student, supervisor, projectId, p } = await makeProgrammeWorld();
    const listed = async () =>
      ((await student.get('/api/projects')).body.items as { id: string }[]).some(
        (item) => item.id === projectId,
      );
    expect(await listed()).toBe(true);

    const paused = await staff.post(`${p}/projects/${projectId}/moderation`, {
      state: 'paused',
      reason: 'Fee unclear',
    });
    expect(paused.status).toBe(200);
    expect(await listed()).toBe(false);
    const page = await student.get(`/api/projects/${projectId}`);
    expect(page.status).toBe(200);
    expect(page.body.moderation).toBe('paused');
    const refused = await student.post(`/api/projects/${projectId}/applications`, { note: 'Please' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('project_not_open');
    const matches = await student.get('/api/students/me/matches');
    expect((matches.body.items ?? []).map((m: { project: { id: string } }) => m.project.id)).not.toContain(
      projectId,
    );

    expect(
      (await staff.post(`${p}/projects/${projectId}/moderation`, { state: 'hidden', reason: 'Scam report' }))
        .status,
    ).toBe(200);
    expect((await student.get(`/api/projects/${projectId}`)).status).toBe(404);
    const own = await supervisor.get(`/api/projects/${projectId}`);
    expect(own.status).toBe(200);
    expect(own.body.moderation).toBe('hidden');

    expect(
      (await staff.post(`${p}/projects/${projectId}/moderation`, { state: 'visible', reason: 'Cleared' }))
        .status,
    ).toBe(200);
    expect(await listed()).toBe(true);
    await apply(student, projectId);
    expect(await auditActions(staff, p)).toEqual([
      'project_restored: Cleared',
      'project_hidden: Scam report',
      'project_paused: Fee unclear',
    ]);
  });

  it('suspending an account ends its sessions at once and closes its live connections', async () => {
    const { staff, student, supervisor, projectId, p } = await makeProgrammeWorld();
    const application = await apply(student, projectId);
    const accepted = await supervisor.post(`/api/applications/${application.id}/accept`);
    expect(accepted.status).toBe(200);
    const workspaceId = accepted.body.workspaceId as string;
    const phone = new ApiClient(app.url);
    expect(
      (await phone.post('/api/auth/login', { email: student.user.email, password: student.password })).status,
    ).toBe(200);

    const socket = await connected(openSocket(app.url, student.cookie));
    expect((await emitWithAck(socket, 'workspace:join', { workspaceId })).ok).toBe(true);
    const document = openDocument(app.wsUrl, workspaceId, phone.cookie);
    providers.push(document.provider);
    await synced(document.provider);

    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const closed = new Promise<number | undefined>((resolve) =>
      document.provider.once('connection-close', (event) => resolve(event?.code)),
    );
    const suspended = await staff.post(`${p}/people/${student.user.id}/suspension`, {
      suspended: true,
      reason: 'Harassed a supervisor in chat',
    });
    expect(suspended.status).toBe(200);
    expect(await disconnected).toBe('io server disconnect');
    expect(await closed).toBe(YJS_CLOSE.sessionEnded);
    document.provider.destroy();

    expect((await student.get('/api/me')).status).toBe(401);
    expect((await phone.get('/api/me')).status).toBe(401);
    const login = await new ApiClient(app.url).post('/api/auth/login', {
      email: student.user.email,
      password: student.password,
    });
    expect(login.status).toBe(403);
    expect(login.body.error.code).toBe('account_suspended');
    const refusedSocket = openSocket(app.url, phone.cookie);
    await expect(connected(refusedSocket)).rejects.toThrow();
    refusedSocket.close();

    const people = await staff.get(`${p}/people?q=${encodeURIComponent('zoë')}`);
    expect(people.body.items).toEqual([
      expect.objectContaining({
        id: student.user.id,
        suspended: true,
        memberships: [expect.objectContaining({ kind: 'student' })],
      }),
    ]);

    expect(
      (
        await staff.post(`${p}/people/${student.user.id}/suspension`, {
          suspended: false,
          reason: 'Apologised',
        })
      ).status,
    ).toBe(200);
    const again = await new ApiClient(app.url).post('/api/auth/login', {
      email: student.user.email,
      password: student.password,
    });
    expect(again.status).toBe(200);
    expect(await auditActions(staff, p)).toEqual([
      'account_restored: Apologised',
      'account_suspended: Harassed a supervisor in chat',
    ]);
  });

  it('staff cannot suspend people outside their programme, other staff, or the admin', async () => {
    const { staff, otherStaff, p, admin } = await makeProgrammeWorld();
    const outsider = await signUp(app.url, { role: 'student' });
    const body = { suspended: true, reason: 'x' };
    expect((await staff.post(`${p}/people/${outsider.user.id}/suspension`, body)).status).toBe(404);
    expect((await otherStaff.post(`${p}/people/${outsider.user.id}/suspension`, body)).status).toBe(403);
    const me = (await admin.get('/api/me')).body.id as string;
    expect((await staff.post(`${p}/people/${me}/suspension`, body)).status).toBe(404);
    // The admin suspends anyone but an admin, from the instance routes.
    expect((await admin.post(`/api/admin/people/${me}/suspension`, body)).status).toBe(403);
    expect((await admin.post(`/api/admin/people/${outsider.user.id}/suspension`, body)).status).toBe(200);
    expect((await outsider.get('/api/me')).status).toBe(401);
  });

  it('a report reaches the staff, who act, and the reporter hears the outcome live', async () => {
    const { staff, otherStaff, student, supervisor, org, projectId, p } = await makeProgrammeWorld();
    const studentSocket = await connected(openSocket(app.url, student.cookie));
    const heard: { kind: string; title: string; body: string }[] = [];
    studentSocket.on('notification', (notification) => heard.push(notification));

    const filed = await student.post('/api/reports', {
      targetType: 'project',
      targetId: projectId,
      reason: 'Asks for unpaid trial work first',
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      status: 'open',
      targetLabel: 'Shop Instagram',
      programmeId: expect.any(String),
    });
    const aboutOrg = await supervisor.post('/api/reports', {
      targetType: 'person',
      targetId: student.user.id,
      reason: 'No-show',
    });
    expect(aboutOrg.status).toBe(201);
    // Nothing one cannot see can be reported, and mentors or staff do not file reports.
    const unknown = await student.post('/api/reports', {
      targetType: 'organisation',
      targetId: projectId,
      reason: 'x',
    });
    expect(unknown.status).toBe(404);
    expect(
      (await staff.post('/api/reports', { targetType: 'organisation', targetId: org.id, reason: 'x' }))
        .status,
    ).toBe(403);

    const queue = await staff.get(`${p}/reports?status=open`);
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((r: { reason: string }) => r.reason)).toEqual([
      'Asks for unpaid trial work first',
      'No-show',
    ]);
    expect((await otherStaff.get(`${p}/reports`)).status).toBe(403);
    expect((await student.get(`${p}/reports`)).status).toBe(404);
    expect(
      (await otherStaff.post(`${p}/reports/${filed.body.id}/resolve`, { outcome: 'dismissed', reason: 'x' }))
        .status,
    ).toBe(403);

    const resolved = await staff.post(`${p}/reports/${filed.body.id}/resolve`, {
      outcome: 'actioned',
      reason: 'We paused the project and spoke to the organisation.',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('actioned');
    await eventually(() => expect(heard.map((n) => n.kind)).toEqual(['report_resolved']));
    expect(heard[0]!.body).toBe('We paused the project and spoke to the organisation.');
    const stored = await student.get('/api/notifications');
    expect(stored.body.items[0]).toMatchObject({
      kind: 'report_resolved',
      title: expect.stringContaining('Shop Instagram'),
    });
    // Handled once only.
    expect(
      (await staff.post(`${p}/reports/${filed.body.id}/resolve`, { outcome: 'dismissed', reason: 'x' }))
        .status,
    ).toBe(409);
    expect((await staff.get(`${p}/reports?status=open`)).body.items).toHaveLength(1);
    expect(await auditActions(staff, p)).toEqual([
      'report_actioned: We paused the project and spoke to the organisation.',
    ]);
    studentSocket.close();
  });

  it('a message is reported only by a member of its workspace', async () => {
    const { student, supervisor, projectId, staff, p } = await makeProgrammeWorld();
    const application = await apply(student, projectId);
    const { workspaceId } = (await supervisor.post(`/api/applications/${application.id}/accept`)).body;
    const socket = await connected(openSocket(app.url, supervisor.cookie));
    await emitWithAck(socket, 'workspace:join', { workspaceId });
    const sent = await emitWithAck(socket, 'chat:send', {
      workspaceId,
      body: 'Send me your bank details',
      clientId: 'c1',
    });
    socket.close();
    const outsider = await signUp(app.url, { role: 'student' });
    const body = { targetType: 'message', targetId: sent.message.id, reason: 'Asks for bank details' };
    expect((await outsider.post('/api/reports', body)).status).toBe(404);
    expect((await student.post('/api/reports', body)).status).toBe(201);
    expect((await staff.get(`${p}/reports`)).body.items[0]).toMatchObject({
      targetType: 'message',
      targetLabel: 'Send me your bank details',
    });
  });

  it('reports about things in no programme go to the instance admin', async () => {
    const { admin } = await makeProgrammeWorld();
    const { org } = await makeOrg(app.url, { name: 'Outside Ltd' });
    const student = await signUp(app.url, { role: 'student' });
    const filed = await student.post('/api/reports', {
      targetType: 'organisation',
      targetId: org.id,
      reason: 'Fake',
    });
    expect(filed.status).toBe(201);
    expect(filed.body.programmeId).toBeNull();
    const queue = await admin.get('/api/admin/reports?status=open');
    expect(queue.body.items.map((r: { id: string }) => r.id)).toContain(filed.body.id);
    expect(
      (
        await admin.post(`/api/admin/reports/${filed.body.id}/resolve`, {
          outcome: 'dismissed',
          reason: 'Real business',
        })
      ).status,
    ).toBe(200);
    const audit = await admin.get('/api/admin/audit');
    expect(audit.body.items[0]).toMatchObject({
      action: 'report_dismissed',
      programmeId: null,
      reason: 'Real business',
    });
  });

  it('the audit log cannot be edited: no route changes it and the database refuses UPDATE and DELETE', async () => {
    const { staff, org, p } = await makeProgrammeWorld();
    await staff.post(`${p}/orgs/${org.id}/verification`, {
      verified: true,
      reason: 'Checked Companies House',
    });
    const [entry] = (await staff.get(`${p}/audit`)).body.items;
    expect(entry).toMatchObject({
      action: 'org_verified',
      targetLabel: 'Corner Thread',
      reason: 'Checked Companies House',
    });
    expect(entry.actor.name).toBe((await staff.get('/api/me')).body.name);
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect((await staff.request(method, `${p}/audit/${entry.id}`, {})).status).toBe(404);
      expect((await staff.request(method, `${p}/audit`, {})).status).toBe(404);
    }
    // The driver wraps PostgreSQL's error; its cause carries the trigger's message.
    const refusal = async (statement: ReturnType<typeof sql>) => {
      try {
        await app.database.db.execute(statement);
        return 'allowed';
      } catch (error) {
        return String((error as { cause?: Error }).cause?.message ?? error);
      }
    };
    expect(await refusal(sql`update moderation_audit set reason = 'edited' where id = ${entry.id}`)).toMatch(
      /append-only: UPDATE refused/,
    );
    expect(await refusal(sql`delete from moderation_audit where id = ${entry.id}`)).toMatch(
      /append-only: DELETE refused/,
    );
    expect((await staff.get(`${p}/audit`)).body.items[0].reason).toBe('Checked Companies House');
  });
});

describe('staff review what they moderated', () => {
  it('programme staff and the admin open a hidden project; students, other staff and strangers get 404', async () => {
    const { admin, staff, otherStaff, student, supervisor, projectId, p } = await makeProgrammeWorld();
    const stranger = await signUp(app.url, { role: 'supervisor' });
    for (const state of ['paused', 'hidden'] as const) {
      const moderated = await staff.post(`${p}/projects/${projectId}/moderation`, { state, reason: state });
      expect(moderated.status).toBe(200);
      for (const [who, client] of [
        ['staff', staff],
        ['admin', admin],
        ['supervisor', supervisor],
      ] as const) {
        const seen = await client.get(`/api/projects/${projectId}`);
        expect(seen.status, `${who} ${state}`).toBe(200);
        expect(seen.body.moderation).toBe(state);
        expect(seen.body.canEdit, who).toBe(who === 'supervisor');
      }
      // Paused stays readable for everyone signed in; hidden is a 404 outside the programme's staff.
      const expected = state === 'paused' ? 200 : 404;
      for (const [who, client] of [
        ['student', student],
        ['other staff', otherStaff],
        ['stranger', stranger],
      ] as const) {
        const seen = await client.get(`/api/projects/${projectId}`);
        expect(seen.status, `${who} ${state}`).toBe(expected);
        if (expected === 404) expect(seen.body.error.code).toBe('project_not_found');
      }
      // Seeing it gives staff no right to change it.
      const edit = await staff.request('PATCH', `/api/projects/${projectId}`, { title: 'Renamed by staff' });
      expect(edit.status).toBe(403);
    }
  });

  it('a draft stays its organisation’s, even for the programme’s staff', async () => {
    const { staff, supervisor, org } = await makeProgrammeWorld();
    const draft = await supervisor.post('/api/projects', projectBody(org.id, { title: 'Not yet' }));
    expect(draft.status).toBe(201);
    expect((await staff.get(`/api/projects/${draft.body.id}`)).status).toBe(404);
  });

  it('the organisation’s page says whether programme staff verified it', async () => {
    const { staff, student, org, p } = await makeProgrammeWorld();
    expect((await student.get(`/api/orgs/${org.id}`)).body.verified).toBe(false);
    const verified = await staff.post(`${p}/orgs/${org.id}/verification`, { verified: true, reason: 'Met' });
    expect(verified.status).toBe(200);
    expect((await student.get(`/api/orgs/${org.id}`)).body.verified).toBe(true);
  });
});
