import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type ApiClient } from '../helpers/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { startMailServer, type TestMailServer } from '../helpers/mail.ts';
import { apply, makePublishedProject } from '../helpers/marketplace.ts';
import { makeCompletedWorkspace, makeProjectWorkspace } from '../helpers/portfolio.ts';
import { makeWorkspace } from '../helpers/workspace.ts';
import { runReminders, sendDigests } from '../../server/services/accounts/reminders.ts';
import { programmeProjects, programmes } from '../../server/db/schema.ts';

let app: TestServer;
let mail: TestMailServer;

beforeAll(async () => {
  mail = await startMailServer();
  // The scheduled job is off: each test runs it itself with a controlled clock.
  app = await startTestServer({ env: { SMTP_URL: mail.url, REMINDERS_INTERVAL_MS: '0' } });
});
afterAll(async () => {
  await app.stop();
  await mail.stop();
});

const DAY = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY);

/** Runs the job twice at once, as two processes would, and adds up what each sent. */
async function runTwice(now: Date): Promise<Record<string, number>> {
  const runs = await Promise.all([
    runReminders(app.database.db, app.server.events, now),
    runReminders(app.database.db, app.server.events, now),
  ]);
  const total: Record<string, number> = {};
  for (const run of runs)
    for (const [kind, n] of Object.entries(run.sent)) total[kind] = (total[kind] ?? 0) + n;
  return total;
}

const reminderTo = (person: { user: { email: string } }, text: string) =>
  mail.waitFor(
    (email) =>
      email.kind === 'reminder' &&
      email.envelopeTo.includes(person.user.email) &&
      email.subject.includes(text),
  );

describe('reminders against ghosting', () => {
  it('an unanswered application reminds the supervisors at 5 days and tells the student at 10, once each', async () => {
    const { supervisor, project } = await makePublishedProject(app.url, {
      title: 'Unanswered\r\nBcc: evil@example.test',
    });
    const student = await signUp(app.url, { name: 'Sam\r\nBcc: evil@example.test' });
    const application = await apply(student, project.id);

    expect((await runTwice(inDays(4.9))).application_unanswered).toBeUndefined();
    expect((await runTwice(inDays(5.1))).application_unanswered).toBe(1);
    const reminded = await reminderTo(supervisor, 'is waiting for an answer');
    expect(reminded.subject).toBe(
      'Sam Bcc: evil@example.test is waiting for an answer about “Unanswered Bcc: evil@example.test” · Stint',
    );
    expect(reminded.parsed.headers.has('bcc')).toBe(false);
    expect(reminded.text).toContain(`/projects/${project.id}/applicants`);
    expect(reminded.text).toContain('/settings#notifications');
    expect((await runTwice(inDays(6))).application_unanswered).toBeUndefined();

    expect(await runTwice(inDays(10.1))).toMatchObject({ application_student_told: 1 });
    const told = await reminderTo(student, 'has not answered your application');
    expect(told.text).toContain('You may want to apply to other projects');
    expect(told.text).toContain(`/applications/${application.id}`);
    expect(await runTwice(inDays(11))).not.toHaveProperty('application_student_told');
    expect(mail.to(supervisor.user.email, 'reminder')).toHaveLength(1);
  });

  it('a programme sets its own thresholds', async () => {
    const { supervisor, project } = await makePublishedProject(app.url, { title: 'Programme project' });
    const [programme] = await app.database.db
      .insert(programmes)
      .values({
        name: 'Autumn term',
        startsOn: '2026-09-01',
        endsOn: '2026-12-20',
        reminderDays: { applicationUnanswered: 1 },
      })
      .returning();
    await app.database.db
      .insert(programmeProjects)
      .values({ projectId: project.id, programmeId: programme!.id });
    await apply(await signUp(app.url), project.id);
    expect(await runTwice(inDays(1.1))).toMatchObject({ application_unanswered: 1 });
    await reminderTo(supervisor, '“Programme project”');
    await app.database.db
      .update(programmes)
      .set({ reminderDays: null })
      .where(eq(programmes.id, programme!.id));
  });

  it('a milestone due tomorrow, then overdue, reminds the intern; a submission unreviewed for 3 days reminds the supervisor', async () => {
    const { supervisor, student, workspaceId } = await makeProjectWorkspace(app.url);
    // The project's milestones are in weeks 1, 2 and 4: the first is due 7 days after the start.
    const soon = await runTwice(inDays(6.5));
    expect(soon).toMatchObject({ milestone_due: 1 });
    expect(soon).not.toHaveProperty('milestone_overdue');
    const dueEmail = await reminderTo(student, 'is due tomorrow');
    expect(dueEmail.text).toContain(`/workspaces/${workspaceId}`);
    expect(await runTwice(inDays(6.7))).not.toHaveProperty('milestone_due');
    expect(await runTwice(inDays(7.5))).toMatchObject({ milestone_overdue: 1 });
    await reminderTo(student, 'is overdue');
    expect(mail.to(supervisor.user.email, 'reminder')).toEqual([]);

    const milestones = await supervisor.get(`/api/workspaces/${workspaceId}/milestones`);
    const second = milestones.body.items[1];
    const link = await student.post(`/api/workspaces/${workspaceId}/deliverables`, {
      kind: 'link',
      title: 'Posts',
      url: 'https://docs.example.org/posts',
      milestoneId: second.id,
    });
    expect(link.status).toBe(201);
    expect((await student.post(`/api/milestones/${second.id}/submit`)).status).toBe(200);
    expect(await runTwice(inDays(2.9))).not.toHaveProperty('milestone_unreviewed');
    expect(await runTwice(inDays(3.1))).toMatchObject({ milestone_unreviewed: 1 });
    const review = await reminderTo(supervisor, 'is waiting for your review');
    expect(review.text).toContain(`/workspaces/${workspaceId}`);
    expect(await runTwice(inDays(4))).not.toHaveProperty('milestone_unreviewed');
  });

  it('feedback not written 3 days after completion reminds both sides, once', async () => {
    const { supervisor, student, workspaceId } = await makeCompletedWorkspace(app.url);
    expect(await runTwice(inDays(2.9))).not.toHaveProperty('feedback_missing');
    expect(await runTwice(inDays(3.1))).toMatchObject({ feedback_missing: 2 });
    for (const person of [supervisor, student]) {
      const email = await reminderTo(person, 'went');
      expect(email.text).toContain(`/workspaces/${workspaceId}`);
    }
    expect(await runTwice(inDays(5))).not.toHaveProperty('feedback_missing');
  });

  it('an invitation not answered after 3 days is sent again, once', async () => {
    const { workspaceId, supervisor } = await makeWorkspace(app.url);
    const address = `late-${Date.now()}@example.test`;
    const invited = await supervisor.post(`/api/workspaces/${workspaceId}/members`, {
      email: address,
      role: 'mentor',
    });
    expect(invited.status).toBe(201);
    await mail.waitForTo(address, 'invitation');
    expect(await runTwice(inDays(2.9))).not.toHaveProperty('invitation_resent');
    expect(await runTwice(inDays(3.1))).toMatchObject({ invitation_resent: 1 });
    await mail.waitFor(
      (email) =>
        email.kind === 'invitation' &&
        email.envelopeTo.includes(address) &&
        mail.to(address, 'invitation').length === 2,
    );
    expect(await runTwice(inDays(10))).not.toHaveProperty('invitation_resent');
  });
});

describe('the daily digest', () => {
  async function digestReader(): Promise<ApiClient & { user: { id: string; email: string } }> {
    const person = await signUp(app.url);
    const saved = await person.request('PUT', '/api/me/email-preferences', { application_decided: 'digest' });
    expect(saved.status).toBe(200);
    return person;
  }

  it('sends what was held as one email per person per day, from the digest hour on', async () => {
    const { supervisor, project } = await makePublishedProject(app.url, {
      title: 'Digest\r\nBcc: evil@example.test',
    });
    const reader = await digestReader();
    const application = await apply(reader, project.id);
    expect(
      (await supervisor.post(`/api/applications/${application.id}/decline`, { message: 'Not this time.' }))
        .status,
    ).toBe(200);

    const tomorrow = inDays(1);
    const early = new Date(
      Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth(), tomorrow.getUTCDate(), 7),
    );
    const morning = new Date(early.getTime() + 60 * 60 * 1000);
    expect(await sendDigests(app.database.db, app.server.events, early, 8)).toBe(0);
    const sent = await Promise.all([
      sendDigests(app.database.db, app.server.events, morning, 8),
      sendDigests(app.database.db, app.server.events, morning, 8),
    ]);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
    const digest = await mail.waitForTo(reader.user.email, 'digest');
    expect(digest.subject).toBe('Your daily digest: 1 update · Stint');
    expect(digest.text).toContain('did not take your application for “Digest Bcc: evil@example.test”');
    expect(digest.text).toContain(`/applications/${application.id}`);
    expect(digest.html).toContain('/settings#notifications');
    expect(digest.parsed.headers.has('bcc')).toBe(false);

    // Later the same day nothing more goes out, even with something new held; the next day it does.
    const next = await makePublishedProject(app.url);
    const later = await apply(reader, next.project.id);
    expect(
      (await next.supervisor.post(`/api/applications/${later.id}/decline`, { message: 'Sorry.' })).status,
    ).toBe(200);
    const afternoon = new Date(morning.getTime() + 6 * 60 * 60 * 1000);
    expect(await sendDigests(app.database.db, app.server.events, afternoon, 8)).toBe(0);
    const nextMorning = new Date(morning.getTime() + DAY);
    expect(await sendDigests(app.database.db, app.server.events, nextMorning, 8)).toBe(1);
    await mail.waitFor(
      (email) => email.kind === 'digest' && email.envelopeTo.includes(reader.user.email) && email !== digest,
    );
    expect(
      mail.to(reader.user.email, 'digest').map((email) => email.text.includes(`/applications/${later.id}`)),
    ).toEqual([false, true]);
  });
});
