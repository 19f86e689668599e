import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signUp, type ApiClient } from '../helpers/api-client.ts';
import { makeAdmin } from '../helpers/programmes.ts';
import {
  expectNoSeriousA11yViolations,
  horizontalOverflow,
  launchBrowser,
  signInContext,
} from './support/browser.ts';

let app: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  app = await startTestServer({ web: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await app?.stop();
});

const UUID = '[0-9a-f-]{36}';

/** Uncaught errors and Svelte's runtime warnings seen by any page; each test ends with none. */
const pageProblems: string[] = [];

/** A page of its own (own cookies) signed in as `client`. */
async function pageFor(client: ApiClient, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  await signInContext(context, app.url, client);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageProblems.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.text().includes('[svelte]')) pageProblems.push(`${page.url()}: ${message.text()}`);
  });
  return page;
}

afterEach(() => {
  const seen = pageProblems.splice(0);
  expect(seen, seen.join('\n')).toEqual([]);
});

/** Factory: a student whose profile already has skills, hours and goals (so matching has something). */
async function makeStudentWithProfile(name: string) {
  const student = await signUp(app.url, { role: 'student', name });
  const saved = await student.put('/api/students/me/profile', {
    headline: 'Marketing student who runs her café’s Instagram',
    skills: [
      { skill: 'Instagram', level: 2 },
      { skill: 'Canva', level: 2 },
      { skill: 'copywriting', level: 1 },
    ],
    goals: 'Build a portfolio of real campaigns for small businesses.',
    interests: 'Food, local shops, photography',
    hoursPerWeek: 8,
    availableWeeks: 6,
    availableFrom: new Date().toISOString().slice(0, 10),
    availability: ['weekday_evenings', 'weekends'],
    remote: 'any',
    location: 'Leeds',
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return student;
}

async function expectFitsPhone(page: Page, label: string) {
  const { scrollWidth, viewport } = await horizontalOverflow(page);
  expect(scrollWidth, `${label} is wider than the ${viewport} px screen`).toBeLessThanOrEqual(viewport);
}

describe('the marketplace in the browser', () => {
  test('a business posts a project from a template, a student finds it and applies, the business accepts and both open the workspace', async () => {
    const supervisor = await signUp(app.url, { role: 'supervisor', name: 'Sam Baker' });
    const student = await makeStudentWithProfile('Ada Lovell');
    const business = await pageFor(supervisor);

    // A supervisor with no organisation is offered to become a business partner.
    await business.goto(`${app.url}/dashboard`);
    await business.getByRole('link', { name: 'Become a business partner' }).click();
    await business.waitForURL(`${app.url}/orgs/new`);
    await expectNoSeriousA11yViolations(business);

    await business.getByLabel('Organisation name').fill('Riverside Bakery');
    await business.getByLabel('Sector').selectOption('small_business');
    await business.getByLabel('1–9 people').check();
    await business.getByLabel('Town or city').fill('Leeds');
    await business.getByLabel('Hybrid').check();
    await business
      .getByLabel('About your organisation')
      .fill('A family bakery selling sourdough since 1998.');
    await business.getByRole('button', { name: 'Register organisation' }).click();
    await business.waitForURL(new RegExp(`/orgs/${UUID}$`));
    await business.getByRole('heading', { level: 1, name: 'Riverside Bakery' }).waitFor();
    await expectNoSeriousA11yViolations(business);

    // Step 1: templates, filtered to the organisation's sector.
    await business.getByRole('link', { name: 'Post a project' }).click();
    await business.waitForURL(new RegExp(`/projects/new\\?org=${UUID}$`));
    await business.getByRole('heading', { level: 2, name: 'Start from a template' }).waitFor();
    expect(await business.getByLabel('Show templates for').inputValue()).toBe('small_business');
    await expectNoSeriousA11yViolations(business);
    await business
      .getByRole('button', { name: 'Use this template “Social-media campaign for a local shop”' })
      .click();

    // Step 2: the form is pre-filled, and the scoping check reacts as they type.
    const title = business.getByLabel('Project title');
    expect(await title.inputValue()).toBe('Social-media campaign for a local shop');
    await title.fill('Instagram campaign for our sourdough');
    const scoping = business.getByRole('complementary', { name: 'Scoping check' });
    await scoping.getByText('The milestones add up to').waitFor();

    const weeks = business.getByLabel('Length', { exact: true });
    await weeks.fill('10');
    const tooLong = scoping.getByText('Micro-internships run 2–8 weeks; this one is 10.');
    await tooLong.waitFor();
    await expectNoSeriousA11yViolations(business);
    await weeks.fill('4');
    await tooLong.waitFor({ state: 'detached' });

    // One click takes the fair fee the check suggests.
    await scoping.getByRole('button', { name: 'Use this fee' }).click();
    expect(Number(await business.getByLabel('Fee').inputValue())).toBeGreaterThan(0);

    await business.getByRole('button', { name: 'Save draft' }).click();
    await business.waitForURL(new RegExp(`/projects/${UUID}$`));
    const projectUrl = business.url();
    await business.getByRole('heading', { level: 1, name: 'Instagram campaign for our sourdough' }).waitFor();
    await business.getByRole('button', { name: 'Publish project' }).click();
    await business.getByText('Published: students can now find and apply to this project.').waitFor();
    await expectNoSeriousA11yViolations(business);

    // The student finds it by skill, from a URL that can be shared.
    const learner = await pageFor(student);
    await learner.goto(`${app.url}/projects`);
    const recommended = learner.getByRole('region', { name: 'Recommended for you' });
    await recommended.getByRole('link', { name: 'Instagram campaign for our sourdough' }).waitFor();
    expect(await recommended.getByText(/\d+% fit/).count()).toBeGreaterThan(0);
    await expectNoSeriousA11yViolations(learner);
    await learner.getByRole('textbox', { name: 'Skills (optional)' }).fill('Instagram');
    await learner.getByLabel('At most').fill('10');
    await learner.getByRole('button', { name: 'Show projects' }).click();
    // With script the URL carries only the filters that are set; a click before hydration submits the
    // plain GET form, which finds the same projects.
    await learner.waitForURL(/\/projects\?(.*&)?skills=Instagram&maxHours=10/);
    await learner
      .getByRole('status')
      .filter({ hasText: /Showing \d+ project/ })
      .waitFor();
    await learner.getByRole('link', { name: 'Instagram campaign for our sourdough' }).first().click();
    await learner.waitForURL(projectUrl);
    await expectNoSeriousA11yViolations(learner);

    await learner
      .getByLabel('Why this project suits you')
      .fill('I run my café’s Instagram and use Canva daily.');
    await learner.getByRole('button', { name: 'Send application' }).click();
    await learner.getByRole('heading', { name: 'Your application' }).waitFor();
    await learner.getByText('Submitted').waitFor();

    // The business's bell counts the new applicant live, without a reload.
    await business.getByRole('link', { name: 'Notifications, 1 unread' }).waitFor();
    await business.getByRole('link', { name: 'Notifications, 1 unread' }).click();
    await business.waitForURL(`${app.url}/notifications`);
    await expectNoSeriousA11yViolations(business);
    await business
      .getByRole('link', { name: 'New applicant for “Instagram campaign for our sourdough”' })
      .click();
    await business.waitForURL(`${projectUrl}/applicants`);
    await business.getByRole('heading', { level: 3, name: 'Ada Lovell' }).waitFor();
    await expectNoSeriousA11yViolations(business);
    await business.getByRole('link', { name: 'Notifications', exact: true }).waitFor();

    // Accepting opens the workspace straight away.
    await business.getByRole('button', { name: 'Accept Ada Lovell' }).click();
    await business.getByRole('button', { name: 'Yes, accept and open the workspace' }).click();
    await business.waitForURL(new RegExp(`/workspaces/${UUID}$`));
    const workspaceUrl = business.url();
    await business.getByRole('heading', { level: 1, name: 'Instagram campaign for our sourdough' }).waitFor();

    // The student's applications page links to the same workspace, and it opens.
    await learner.goto(`${app.url}/applications`);
    await learner.getByText('Accepted').waitFor();
    await expectNoSeriousA11yViolations(learner);
    await learner
      .getByRole('link', { name: 'Open the workspace for Instagram campaign for our sourdough' })
      .click();
    await learner.waitForURL(workspaceUrl);
    await learner.getByRole('heading', { level: 1, name: 'Instagram campaign for our sourdough' }).waitFor();

    // Both dashboards show the real state of things.
    await learner.goto(`${app.url}/dashboard`);
    const studentApplications = learner.getByRole('region', { name: 'Your applications' });
    await studentApplications.getByText('Accepted').waitFor();
    await learner
      .getByRole('region', { name: 'Your workspaces' })
      .getByRole('link', { name: 'Instagram campaign for our sourdough' })
      .waitFor();
    await learner.getByRole('region', { name: 'Your profile' }).getByRole('meter').waitFor();
    await expectNoSeriousA11yViolations(learner);

    await business.goto(`${app.url}/dashboard`);
    await business
      .getByRole('region', { name: 'Applicants' })
      .getByText('1 applicant', { exact: true })
      .waitFor();
    await business
      .getByRole('region', { name: 'Your projects' })
      .getByText('Filled', { exact: true })
      .waitFor();
    await business
      .getByRole('region', { name: 'Workspaces' })
      .getByRole('link', { name: 'Instagram campaign for our sourdough' })
      .waitFor();
    await expectNoSeriousA11yViolations(business);
  });

  test('a student edits their profile and sees how complete it is; pages fit a 360 px phone', async () => {
    const student = await signUp(app.url, { role: 'student', name: 'Bo Phone' });
    const page = await pageFor(student, { width: 360, height: 740 });

    await page.goto(`${app.url}/profile`);
    const meter = page.getByRole('meter', { name: 'Profile complete' });
    expect(Number(await meter.getAttribute('value'))).toBe(0);
    await expectNoSeriousA11yViolations(page);
    await expectFitsPhone(page, '/profile');

    await page.getByLabel('Headline').fill('Design student, evenings and weekends');
    await page.getByLabel('Skill 1', { exact: true }).fill('canv');
    await page.getByRole('option', { name: /^Canva/ }).click();
    expect(await page.getByLabel('Skill 1', { exact: true }).inputValue()).toBe('Canva');
    await page.getByLabel('Hours you can give').fill('6');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText(/Profile saved\. It is \d+% complete\./).waitFor();
    expect(Number(await meter.getAttribute('value'))).toBeGreaterThan(0);

    // The other pages a student and a business use most, on a phone.
    const { project, supervisor } = await publishedProject();
    await page.goto(`${app.url}/projects`);
    await page.getByRole('heading', { level: 1, name: 'Find a project' }).waitFor();
    await expectFitsPhone(page, '/projects');
    await page.goto(`${app.url}/projects/${project.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectFitsPhone(page, '/projects/[id]');

    const business = await pageFor(supervisor, { width: 360, height: 740 });
    await business.goto(`${app.url}/projects/new?org=${project.orgId}`);
    await business.getByRole('button', { name: 'Start from a blank project' }).click();
    await business.getByLabel('Project title').waitFor();
    await expectFitsPhone(business, '/projects/new');
    await expectNoSeriousA11yViolations(business);
  });

  test('a business edits its organisation and project, shortlists and declines; students see each decision', async () => {
    const { supervisor, org, project } = await publishedProject({
      title: 'Volunteer drive on Instagram',
      questions: ['How long have you posted for an organisation?'],
    });
    const kept = await applyAs('Kit Shortlist', project.id, 'I post for my football club every week.');
    const declined = await applyAs('Dee Decline', project.id, 'I would love to learn Instagram.');
    const business = await pageFor(supervisor);

    // Co-supervisors and details on the organisation page.
    await business.goto(`${app.url}/orgs/${org.id}`);
    await business.getByLabel('Colleague’s email').fill('new.colleague@example.test');
    await business.getByRole('button', { name: 'Invite co-supervisor' }).click();
    await business.getByText('Invitation sent to new.colleague@example.test').waitFor();
    await business.getByText('Invited — joins once they accept').waitFor();
    await business.getByRole('button', { name: 'Edit details' }).click();
    await business.getByLabel('Town or city').fill('York');
    await business.getByRole('button', { name: 'Save details' }).click();
    await business.getByText('Organisation details saved.').waitFor();
    await business.getByText('York', { exact: true }).waitFor();
    await expectNoSeriousA11yViolations(business);

    // Editing reuses the form; the scoping check offers a skill the summary names.
    await business.goto(`${app.url}/projects/${project.id}`);
    await business.getByRole('link', { name: 'Edit project' }).click();
    await business.waitForURL(`${app.url}/projects/${project.id}/edit`);
    await business.getByRole('button', { name: 'Add Canva to the skills' }).click();
    expect(await business.getByLabel('Skill 2', { exact: true }).inputValue()).toBe('Canva');
    await expectNoSeriousA11yViolations(business);
    await business.getByRole('button', { name: 'Save changes' }).click();
    await business.waitForURL(`${app.url}/projects/${project.id}`);
    await business.getByRole('region', { name: 'Skills' }).getByText('Canva').waitFor();

    // Decisions on the applicants page.
    await business.goto(`${app.url}/projects/${project.id}/applicants`);
    await business.getByRole('button', { name: 'Shortlist Kit Shortlist' }).click();
    await business
      .getByRole('article', { name: 'Kit Shortlist' })
      .getByText('Shortlisted', { exact: true })
      .waitFor();
    await business.getByRole('button', { name: 'Decline Dee Decline' }).click();
    const message = business.getByLabel('Message to Dee Decline');
    expect(await message.evaluate((element) => element === document.activeElement)).toBe(true);
    await message.fill('Thank you — we chose someone who has posted for a group before.');
    await expectNoSeriousA11yViolations(business);
    await business.getByRole('button', { name: 'Decline application' }).click();
    await business.getByRole('article', { name: 'Dee Decline' }).getByText('Not selected').waitFor();

    // The declined student reads the decision and the message.
    const turnedDown = await pageFor(declined.student);
    await turnedDown.goto(`${app.url}/applications`);
    await turnedDown.getByRole('link', { name: 'Volunteer drive on Instagram' }).click();
    await turnedDown.waitForURL(`${app.url}/applications/${declined.application.id}`);
    await turnedDown.getByText('we chose someone who has posted for a group before').waitFor();
    await turnedDown
      .getByRole('heading', { name: 'How long have you posted for an organisation?' })
      .waitFor();
    await expectNoSeriousA11yViolations(turnedDown);

    // The shortlisted student sees it on the project page, and can still withdraw.
    const shortlisted = await pageFor(kept.student);
    await shortlisted.goto(`${app.url}/projects/${project.id}`);
    await shortlisted.getByText('Shortlisted', { exact: true }).waitFor();
    await shortlisted.getByRole('button', { name: 'Withdraw application' }).click();
    await shortlisted.getByRole('button', { name: 'Yes, withdraw' }).click();
    await shortlisted.getByText('Withdrawn', { exact: true }).waitFor();
  });
});

/** Factory: a published project of a new organisation, made through the API (overrides for any field). */
async function publishedProject(overrides: Record<string, unknown> = {}) {
  const supervisor = await signUp(app.url, { role: 'supervisor' });
  const org = await supervisor.post('/api/orgs', {
    name: 'Eastside Food Bank',
    sector: 'nonprofit',
    size: '10-49',
    location: 'Leeds',
    workMode: 'hybrid',
    description: 'Feeds 400 households a week.',
  });
  expect(org.status).toBe(201);
  const created = await supervisor.post('/api/projects', {
    orgId: org.body.id,
    title: 'Volunteer recruitment campaign with a very long title that has to wrap on a phone screen',
    summary: 'Plan and run a four-week Instagram campaign with Canva posts to recruit weekend volunteers.',
    deliverables: ['A content calendar for four weeks', '12 designed posts and captions'],
    milestones: [{ title: 'Agree audience and calendar', week: 1, hours: 5 }],
    skills: [{ skill: 'Instagram', level: 2 }],
    durationWeeks: 4,
    hoursPerWeek: 6,
    remote: 'remote',
    fee: 400,
    ...overrides,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await supervisor.post(`/api/projects/${created.body.id}/publish`);
  expect(published.status).toBe(200);
  return {
    supervisor,
    org: org.body as { id: string },
    project: published.body as { id: string; orgId: string; title: string },
  };
}

async function applyAs(name: string, projectId: string, note: string) {
  const student = await signUp(app.url, { role: 'student', name });
  const applied = await student.post(`/api/projects/${projectId}/applications`, {
    note,
    answers: ['Two years.'],
  });
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  return { student, application: applied.body as { id: string } };
}

describe('places and skills in people’s own words', () => {
  test('the profile form asks about a place it cannot find, keeps travel, and marks a skill the list lacks; the admin sees it', async () => {
    const student = await signUp(app.url, { role: 'student', name: 'Lee Dsmith' });
    const page = await pageFor(student, { width: 360, height: 740 });
    await page.goto(`${app.url}/profile`);

    const place = page.getByLabel('Where you live or study');
    await place.fill('Leds');
    await page.getByLabel('How far you can travel').focus();
    await page.getByText('We could not find “Leds” — did you mean one of these?').waitFor();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Leeds, England' }).click();
    expect(await place.inputValue()).toBe('Leeds, England');
    expect(await page.getByText('We could not find').count()).toBe(0);

    await page.getByLabel('How far you can travel').fill('30');
    await page.getByLabel('Skill 1', { exact: true }).fill('Bike maintenance');
    await page.getByLabel('Hours you can give').fill('6');
    await page.getByText('Not in the skill list — kept as you wrote it').waitFor();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText(/Profile saved\. It is \d+% complete\./).waitFor();

    await page.reload();
    expect(await page.getByLabel('How far you can travel').inputValue()).toBe('30');
    expect(await page.getByLabel('Where you live or study').inputValue()).toBe('Leeds, England');
    await page.getByText('Not in the skill list — kept as you wrote it').waitFor();
    const { scrollWidth, viewport } = await horizontalOverflow(page);
    expect(scrollWidth).toBeLessThanOrEqual(viewport);

    const admin = await pageFor(await makeAdmin(app), { width: 1280, height: 900 });
    await admin.goto(`${app.url}/admin`);
    const report = admin.getByRole('region', { name: 'Skills people write that the list lacks' });
    await report.getByRole('rowheader', { name: 'Bike maintenance' }).waitFor();
    await expectNoSeriousA11yViolations(admin);
  });
});
