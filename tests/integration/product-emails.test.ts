import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type ApiClient } from '../helpers/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { startMailServer, type ReceivedEmail, type TestMailServer } from '../helpers/mail.ts';
import { apply, makePublishedProject } from '../helpers/marketplace.ts';
import { dropOpenMilestones, ENDORSEMENT, firstMilestone } from '../helpers/portfolio.ts';
import { emailDigestItems } from '../../server/db/schema.ts';
import { connected, emitWithAck, openSocket } from '../helpers/live.ts';
import { addMember } from '../helpers/workspace.ts';

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

/** What every product email has: both parts, the product's name, the page's link, the preferences link. */
function expectProductEmail(email: ReceivedEmail, path: string) {
  // Links point at the server's own origin (PUBLIC_ORIGIN when set).
  const origin = `http://localhost:${new URL(app.url).port}`;
  const page = new URL(path, origin).toString();
  const preferences = new URL('/settings#notifications', origin).toString();
  expect(email.subject).toMatch(/· Stint$/);
  expect(email.text).toContain(page);
  expect(email.text).toContain(preferences);
  expect(email.html).toContain(`href="${page}"`);
  expect(email.html).toContain(`href="${preferences}"`);
  expect(email.raw).toContain(`List-Unsubscribe: <${preferences}>`);
  expect(email.parsed.headers.has('bcc')).toBe(false);
  expect(email.parsed.headers.has('cc')).toBe(false);
}

async function setPreference(client: ApiClient, kind: string, mode: 'instant' | 'digest' | 'off') {
  const saved = await client.request('PUT', '/api/me/email-preferences', { [kind]: mode });
  expect(saved.status).toBe(200);
}

describe('product emails', () => {
  it('an application, its decision, milestones, completion and feedback each email the right people', async () => {
    const { supervisor, project } = await makePublishedProject(app.url, {
      title: 'Shop window\r\nBcc: evil@example.test',
    });
    // A name with CR/LF reaches the To header of the student's emails and the body of the supervisor's.
    const student = await signUp(app.url, { name: 'Zoë\r\nBcc: evil@example.test' });
    const application = await apply(student, project.id);

    const received = await mail.waitForTo(supervisor.user.email, 'application_received');
    expect(received.envelopeTo).toEqual([supervisor.user.email]);
    expect(received.subject).toBe('New applicant for “Shop window Bcc: evil@example.test” · Stint');
    expect(received.text).toContain('Zoë');
    expectProductEmail(received, `/projects/${project.id}/applicants`);

    const accepted = await supervisor.post(`/api/applications/${application.id}/accept`);
    expect(accepted.status).toBe(200);
    const workspaceId: string = accepted.body.workspaceId;
    const decided = await mail.waitForTo(student.user.email, 'application_decided');
    expect(decided.envelopeTo).toEqual([student.user.email]);
    expect(decided.parsed.to && !Array.isArray(decided.parsed.to) && decided.parsed.to.value).toEqual([
      { address: student.user.email, name: 'Zoë Bcc: evil@example.test' },
    ]);
    expect(decided.subject).toContain('accepted you for');
    expectProductEmail(decided, `/workspaces/${workspaceId}`);

    const milestone = await firstMilestone(supervisor, workspaceId);
    const link = await student.post(`/api/workspaces/${workspaceId}/deliverables`, {
      kind: 'link',
      title: 'Content calendar',
      url: 'https://docs.example.org/calendar',
      milestoneId: milestone.id,
    });
    expect(link.status).toBe(201);
    expect((await student.post(`/api/milestones/${milestone.id}/submit`)).status).toBe(200);
    const submitted = await mail.waitForTo(supervisor.user.email, 'milestone_submitted');
    expectProductEmail(submitted, `/workspaces/${workspaceId}`);

    const changes = await supervisor.post(`/api/milestones/${milestone.id}/request-changes`, {
      comment: 'Add the captions, please.',
    });
    expect(changes.status).toBe(200);
    const askedChanges = await mail.waitForTo(student.user.email, 'milestone_reviewed');
    expectProductEmail(askedChanges, `/workspaces/${workspaceId}`);

    expect((await student.post(`/api/milestones/${milestone.id}/submit`)).status).toBe(200);
    expect((await supervisor.post(`/api/milestones/${milestone.id}/accept`)).status).toBe(200);
    await mail.waitFor(
      (email) =>
        email.kind === 'milestone_reviewed' &&
        email.envelopeTo.includes(student.user.email) &&
        email !== askedChanges,
    );
    expect(mail.to(student.user.email, 'milestone_reviewed').map((email) => email.subject)).toHaveLength(2);
    expect(mail.to(supervisor.user.email, 'milestone_submitted')).toHaveLength(2);

    // The project's other milestones are dropped with a reason: completion signs off settled work only.
    await dropOpenMilestones(supervisor, workspaceId);
    const completed = await supervisor.post(`/api/workspaces/${workspaceId}/complete`, {
      endorsement: ENDORSEMENT,
      skills: [{ skill: 'Instagram', level: 2 }],
    });
    expect(completed.status).toBe(200);
    const done = await mail.waitForTo(student.user.email, 'workspace_completed');
    expect(done.subject).toContain('is complete');
    expectProductEmail(done, `/workspaces/${workspaceId}`);

    const feedback = await student.post(`/api/workspaces/${workspaceId}/feedback`, {
      rating: 5,
      comment: 'Clear brief, quick answers.',
    });
    expect(feedback.status).toBe(201);
    const waiting = await mail.waitForTo(supervisor.user.email, 'feedback_waiting');
    expect(waiting.subject).toContain('left feedback on');
    expectProductEmail(waiting, `/workspaces/${workspaceId}`);
    // The supervisor's own actions never email themself.
    expect(mail.to(supervisor.user.email, 'milestone_reviewed')).toEqual([]);
  });

  it('an @mention in chat emails the member mentioned, and nobody who is not a member', async () => {
    const supervisor = await signUp(app.url, { role: 'supervisor', name: 'Priya Mention' });
    const intern = await signUp(app.url, { role: 'student', name: 'Lena Mention' });
    const stranger = await signUp(app.url, { role: 'student', name: 'Omar Mention' });
    const workspaceId = (await supervisor.post('/api/workspaces', { title: 'Poster run' })).body.id as string;
    await addMember(supervisor, workspaceId, intern, 'intern');

    const socket = await connected(openSocket(app.url, supervisor.cookie));
    try {
      expect((await emitWithAck(socket, 'workspace:join', { workspaceId })).ok).toBe(true);
      const sent = await emitWithAck(socket, 'chat:send', {
        workspaceId,
        body: '@Lena Mention could you check the captions? (@Omar Mention is not here.)',
        clientId: 'mention-email-1',
      });
      expect(sent.ok).toBe(true);
      const mentioned = await mail.waitForTo(intern.user.email, 'mentioned');
      expect(mentioned.subject).toContain('Priya Mention');
      expectProductEmail(mentioned, `/workspaces/${workspaceId}`);
      // A marker email to the stranger proves the mention's email would have arrived by now.
      await setPreference(stranger, 'mentioned', 'instant');
      const reset = await stranger.post('/api/auth/password-reset', { email: stranger.user.email });
      expect(reset.status).toBe(202);
      await mail.waitForTo(stranger.user.email, 'password_reset');
      expect(mail.to(stranger.user.email, 'mentioned')).toEqual([]);
    } finally {
      socket.disconnect();
    }
  });

  it('a declined student is told, unless they turned that email off; digest holds it for the day', async () => {
    const { supervisor, project } = await makePublishedProject(app.url);
    const told = await signUp(app.url);
    const quiet = await signUp(app.url);
    const digested = await signUp(app.url);
    await setPreference(quiet, 'application_decided', 'off');
    await setPreference(digested, 'application_decided', 'digest');
    const applications = await Promise.all(
      [told, quiet, digested].map((student) => apply(student, project.id)),
    );
    for (const application of [applications[1]!, applications[2]!, applications[0]!]) {
      const declined = await supervisor.post(`/api/applications/${application.id}/decline`, {
        message: 'We chose someone with more photography.',
      });
      expect(declined.status).toBe(200);
    }
    // The last decision is the marker: once it has arrived, the two before it would have too.
    const email = await mail.waitForTo(told.user.email, 'application_decided');
    expect(email.subject).toContain('did not take your application');
    expectProductEmail(email, `/applications/${applications[0]!.id}`);
    expect(mail.to(quiet.user.email, 'application_decided')).toEqual([]);
    expect(mail.to(digested.user.email, 'application_decided')).toEqual([]);
    const held = await app.database.db
      .select({ kind: emailDigestItems.kind, title: emailDigestItems.title, link: emailDigestItems.link })
      .from(emailDigestItems)
      .where(eq(emailDigestItems.userId, digested.user.id));
    expect(held).toEqual([
      {
        kind: 'application_decided',
        title: expect.stringContaining('did not take your application'),
        link: `/applications/${applications[2]!.id}`,
      },
    ]);
  });
});
