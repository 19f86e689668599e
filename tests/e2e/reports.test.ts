import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signUp } from '../helpers/api-client.ts';
import { connected, emitWithAck, openSocket } from '../helpers/live.ts';
import { apply, makeOrg, projectBody } from '../helpers/marketplace.ts';
import { makeAdmin, makeInviteCode, makeProgramme, makeStaff } from '../helpers/programmes.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import {
  expectNoSeriousA11yViolations,
  horizontalOverflow,
  launchBrowser,
  signInContext,
} from './support/browser.ts';

let app: TestServer;
let browser: Browser;
let programmeId: string;
let workspaceId: string;
let staff: Awaited<ReturnType<typeof makeStaff>>;
let student: Awaited<ReturnType<typeof signUp>>;
let supervisor: Awaited<ReturnType<typeof signUp>>;
const contexts: BrowserContext[] = [];

/** A programme's project, accepted: the student and the supervisor share its workspace. */
beforeAll(async () => {
  app = await startTestServer({ web: true });
  browser = await launchBrowser();
  const admin = await makeAdmin(app);
  programmeId = (await makeProgramme(admin)).id;
  staff = await makeStaff(app.url, admin, programmeId);
  const code = await makeInviteCode(staff, programmeId, 'organisation');
  const made = await makeOrg(app.url, { name: 'Corner Thread', sector: 'retail' });
  supervisor = made.supervisor;
  expect(
    (await supervisor.post(`/api/programme-invites/${code.code}/join`, { orgId: made.org.id })).status,
  ).toBe(200);
  const project = await supervisor.post(
    '/api/projects',
    projectBody(made.org.id, { title: 'Shop Instagram' }),
  );
  expect((await supervisor.post(`/api/projects/${project.body.id}/publish`)).status).toBe(200);
  student = await signUp(app.url, { role: 'student', name: 'Zoë Student' });
  const application = await apply(student, project.body.id);
  workspaceId = (await supervisor.post(`/api/applications/${application.id}/accept`)).body.workspaceId;
  const socket = await connected(openSocket(app.url, supervisor.cookie));
  await emitWithAck(socket, 'workspace:join', { workspaceId });
  await emitWithAck(socket, 'chat:send', { workspaceId, body: 'Send me your bank details', clientId: 'c1' });
  socket.close();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await app?.stop();
});

async function pageAs(client: Parameters<typeof signInContext>[2], width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  contexts.push(context);
  await signInContext(context, app.url, client);
  return context.newPage();
}

describe('reporting from the workspace', () => {
  test('a student reports a chat message and a person; staff act; the student hears the outcome', async () => {
    const page = await pageAs(student);
    await page.goto(`${app.url}/workspaces/${workspaceId}`);
    const message = page.getByRole('listitem').filter({ hasText: 'Send me your bank details' });
    await message.waitFor();
    // The student's own messages carry no report button; the supervisor's does, reached by keyboard.
    const reportMessage = message.getByRole('button', { name: /^Report the message from/ });
    await reportMessage.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /^Report the message from/ });
    await dialog.waitFor();
    await expectNoSeriousA11yViolations(page);
    await dialog.getByLabel('What is wrong?').fill('Asks me for bank details');
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // Focus goes back to the button that opened the dialog.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(/^Report/);

    await page.getByRole('button', { name: /^Members/ }).click();
    const members = page.getByRole('dialog', { name: 'Members' });
    const supervisorName = supervisor.user.name;
    await members.getByRole('button', { name: `Report ${supervisorName}` }).click();
    const personDialog = page.getByRole('dialog', { name: `Report ${supervisorName}` });
    await personDialog.getByLabel('What is wrong?').fill('Pressures me to work unpaid');
    await expectNoSeriousA11yViolations(page);
    await personDialog.getByRole('button', { name: 'Send report' }).click();
    await personDialog.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
    // Nobody reports themselves.
    expect(await members.getByRole('button', { name: /Report Zoë Student/ }).count()).toBe(0);

    const staffPage = await pageAs(staff);
    await staffPage.goto(`${app.url}/programmes/${programmeId}/moderation`);
    const aboutMessage = staffPage.getByRole('listitem').filter({ hasText: 'Asks me for bank details' });
    const aboutPerson = staffPage.getByRole('listitem').filter({ hasText: 'Pressures me to work unpaid' });
    await aboutMessage.getByRole('heading', { name: 'Message: Send me your bank details' }).waitFor();
    await aboutPerson.getByRole('heading', { name: `Person: ${supervisorName}` }).waitFor();
    await expectNoSeriousA11yViolations(staffPage);
    await aboutMessage.getByLabel(/Reason to mark acted on/).fill('We removed the supervisor from chat.');
    await aboutMessage.getByRole('button', { name: /Mark acted on/ }).click();
    await aboutMessage.getByText('Told the reporter: We removed the supervisor from chat.').waitFor();
    await aboutPerson.getByLabel(/Reason to dismiss/).fill('We spoke to both of you.');
    await aboutPerson.getByRole('button', { name: /Dismiss/ }).click();
    await aboutPerson.getByText('Told the reporter: We spoke to both of you.').waitFor();

    await page.goto(`${app.url}/notifications`);
    await page
      .getByRole('link', { name: 'Your report about “Send me your bank details” was acted on' })
      .waitFor();
    await page.getByText('We removed the supervisor from chat.').waitFor();
    await page
      .getByRole('link', { name: `Your report about “${supervisorName}” was reviewed: no action taken` })
      .waitFor();
    await expectNoSeriousA11yViolations(page);
  });

  test('the report dialog fits a 360 px phone', async () => {
    const page = await pageAs(student, 360);
    await page.goto(`${app.url}/workspaces/${workspaceId}`);
    await page.getByRole('tab', { name: /Chat/ }).click();
    const message = page.getByRole('listitem').filter({ hasText: 'Send me your bank details' });
    await message.getByRole('button', { name: /^Report the message from/ }).click();
    await page.getByRole('dialog', { name: /^Report the message from/ }).waitFor();
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    await expectNoSeriousA11yViolations(page);
  });
});
