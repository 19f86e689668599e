import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { startMailServer, tokenFrom, type TestMailServer } from '../helpers/mail.ts';
import { makeWorkspace } from '../helpers/workspace.ts';
import { makeOrg } from '../helpers/marketplace.ts';
import { confirmAddress } from '../helpers/accounts.ts';
import { connected, eventually, openSocket } from '../helpers/live.ts';

let app: TestServer;
let mail: TestMailServer;

beforeAll(async () => {
  mail = await startMailServer();
  app = await startTestServer({ env: { SMTP_URL: mail.url } });
});
afterAll(async () => {
  await app.stop();
  await mail.stop();
});

/** The answer without the parts that differ by nature (the id, the address itself). */
const shape = (response: { status: number; body: Record<string, unknown> }) => ({
  status: response.status,
  keys: Object.keys(response.body).sort(),
  rest: { ...response.body, id: undefined, email: undefined },
});

describe('adding people is an invitation', () => {
  it('answers the same for a confirmed account, an unconfirmed one and no account', async () => {
    const { workspaceId, supervisor } = await makeWorkspace(app.url, {}, 'Pop-up\r\nBcc: evil@example.test');
    const confirmed = await signUp(app.url, { role: 'mentor', name: 'Ada\r\nBcc: evil@example.test' });
    await confirmAddress(confirmed);
    const unconfirmed = await signUp(app.url, { role: 'mentor' });
    // The inviter's name reaches the subject: a renamed supervisor with CR/LF in it.
    const renamed = await supervisor.request('PATCH', '/api/me', { name: 'Priya\r\nBcc: evil@example.test' });
    expect(renamed.status).toBe(200);
    const nobody = `nobody-${Date.now()}@example.test`;
    const socket = await connected(openSocket(app.url, confirmed.cookie));
    const pushed: { kind: string; link: string }[] = [];
    socket.on('notification', (notification) => pushed.push(notification));

    const answers = [];
    for (const email of [confirmed.user.email, unconfirmed.user.email, nobody])
      answers.push(
        await supervisor.post(`/api/workspaces/${workspaceId}/members`, { email, role: 'mentor' }),
      );
    const shapes = answers.map(shape);
    expect(shapes[0]).toEqual({
      status: 201,
      keys: ['email', 'id', 'role', 'status'],
      rest: { role: 'mentor', status: 'pending' },
    });
    expect(shapes[1]).toEqual(shapes[0]);
    expect(shapes[2]).toEqual(shapes[0]);

    // The confirmed account: an email pointing at /invitations and a notification to answer.
    const invited = await mail.waitForTo(confirmed.user.email, 'invitation');
    expect(invited.envelopeTo).toEqual([confirmed.user.email]);
    expect(invited.parsed.headers.has('bcc')).toBe(false);
    expect(invited.subject).toBe(
      'Priya Bcc: evil@example.test invites you to Pop-up Bcc: evil@example.test · Stint',
    );
    expect(invited.text).toMatch(/https?:\/\/\S+\/invitations\b/);
    await eventually(() =>
      expect(pushed).toEqual([expect.objectContaining({ kind: 'workspace_invited', link: '/invitations' })]),
    );
    socket.disconnect();
    // The address without an account: an email with a signup link.
    const signupEmail = await mail.waitForTo(nobody, 'invitation');
    expect(signupEmail.text).toContain(`/signup?email=${encodeURIComponent(nobody)}`);
    // The unconfirmed account: nothing yet, and nothing to answer.
    expect(mail.to(unconfirmed.user.email, 'invitation')).toEqual([]);
    expect((await unconfirmed.get('/api/me/invitations')).body.items).toEqual([]);
    expect((await unconfirmed.post(`/api/invitations/${answers[1]!.body.id}/accept`)).status).toBe(404);

    // Confirming the address delivers what waited for it.
    const confirmation = await mail.waitForTo(unconfirmed.user.email, 'email_confirmation');
    expect(
      (await unconfirmed.post('/api/auth/confirm-email', { token: tokenFrom(confirmation) })).status,
    ).toBe(200);
    await mail.waitForTo(unconfirmed.user.email, 'invitation');
    expect((await unconfirmed.get('/api/me/invitations')).body.items).toEqual([
      expect.objectContaining({ id: answers[1]!.body.id, targetName: 'Pop-up\r\nBcc: evil@example.test' }),
    ]);
  });

  it('only the invited person answers; declining removes the invitation, accepting makes a member', async () => {
    const { workspaceId, supervisor } = await makeWorkspace(app.url);
    const invitee = await signUp(app.url, { role: 'mentor' });
    const other = await signUp(app.url, { role: 'mentor' });
    await Promise.all([confirmAddress(invitee), confirmAddress(other)]);
    const first = await supervisor.post(`/api/workspaces/${workspaceId}/members`, {
      email: invitee.user.email,
      role: 'viewer',
    });
    for (const stranger of [other, supervisor, new ApiClient(app.url)]) {
      const tried = await stranger.post(`/api/invitations/${first.body.id}/accept`);
      expect(tried.status).toBe(stranger.cookie ? 404 : 401);
    }
    expect((await invitee.post('/api/invitations/not-an-id/accept')).status).toBe(404);
    expect((await invitee.post(`/api/invitations/${first.body.id}/decline`)).status).toBe(200);
    expect((await invitee.get('/api/me/invitations')).body.items).toEqual([]);
    expect((await invitee.post(`/api/invitations/${first.body.id}/accept`)).status).toBe(404);
    expect((await invitee.get(`/api/workspaces/${workspaceId}`)).status).toBe(404);

    const second = await supervisor.post(`/api/workspaces/${workspaceId}/members`, {
      email: invitee.user.email,
      role: 'mentor',
    });
    const accepted = await invitee.post(`/api/invitations/${second.body.id}/accept`);
    expect(accepted.body).toEqual({ workspaceId });
    expect((await invitee.get(`/api/workspaces/${workspaceId}`)).body.myRole).toBe('mentor');
    // Accepting twice finds nothing to accept.
    expect((await invitee.post(`/api/invitations/${second.body.id}/accept`)).status).toBe(404);
  });

  it('organisation invitations answer the same for a supervisor, a student and no account', async () => {
    const { supervisor, org } = await makeOrg(app.url, { name: 'Corner Thread Fabrics' });
    const colleague = await signUp(app.url, { role: 'supervisor' });
    const student = await signUp(app.url, { role: 'student' });
    await Promise.all([confirmAddress(colleague), confirmAddress(student)]);
    const answers = [];
    for (const email of [colleague.user.email, student.user.email, `none-${Date.now()}@example.test`])
      answers.push(await supervisor.post(`/api/orgs/${org.id}/supervisors`, { email }));
    expect(answers.map(shape)).toEqual(
      Array(3).fill({ status: 201, keys: ['email', 'id', 'status'], rest: { status: 'invited' } }),
    );
    // A student account cannot take it up; a supervisor can.
    const refused = await student.post(`/api/invitations/${answers[1]!.body.id}/accept`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('not_a_supervisor');
    expect(await colleague.post(`/api/invitations/${answers[0]!.body.id}/accept`)).toMatchObject({
      status: 200,
      body: { orgId: org.id },
    });
    expect(JSON.stringify((await colleague.get('/api/orgs')).body)).toContain(org.id);
  });
});

describe('signup with an address that has an account', () => {
  it('answers like a new signup and emails the owner instead', async () => {
    const owner = await signUp(app.url, { name: 'Owner\r\nBcc: evil@example.test' });
    const fresh = await new ApiClient(app.url).post('/api/auth/signup', {
      email: `fresh-${Date.now()}@example.test`,
      password: 'long enough password',
      name: 'Eve',
      role: 'student',
    });
    const caller = new ApiClient(app.url);
    const taken = await caller.post('/api/auth/signup', {
      email: owner.user.email.toUpperCase(),
      password: 'long enough password',
      name: 'Eve\r\nBcc: evil@example.test',
      role: 'student',
    });
    expect(taken.status).toBe(fresh.status);
    expect(Object.keys(taken.body).sort()).toEqual(Object.keys(fresh.body).sort());
    expect(taken.body).toMatchObject({ role: 'student', emailConfirmed: false });
    expect((await caller.get('/api/me')).status).toBe(401);

    const told = await mail.waitForTo(owner.user.email, 'account_exists');
    expect(told.envelopeTo).toEqual([owner.user.email]);
    expect(told.parsed.headers.has('bcc')).toBe(false);
    expect(told.subject).toBe('Someone tried to sign up with your address · Stint');
    expect(told.text).toMatch(/https?:\/\/\S+\/login/);
    expect(told.text).not.toContain('long enough password');
    // The owner's account is unchanged: the old password still works.
    const login = await new ApiClient(app.url).post('/api/auth/login', {
      email: owner.user.email,
      password: owner.password,
    });
    expect(login.status).toBe(200);
  });
});
