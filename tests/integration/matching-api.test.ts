import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../helpers/api-client.ts';
import { apply, makeOrg, projectBody } from '../helpers/marketplace.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.stop());

async function publish(
  supervisor: Awaited<ReturnType<typeof makeOrg>>['supervisor'],
  body: Record<string, unknown>,
) {
  const created = await supervisor.post('/api/projects', body);
  expect(created.status).toBe(201);
  expect((await supervisor.post(`/api/projects/${created.body.id}/publish`)).status).toBe(200);
  return created.body.id as string;
}

function studentProfile(overrides: Record<string, unknown>) {
  return {
    headline: 'Student',
    skills: [],
    hoursPerWeek: 10,
    goals: '',
    interests: '',
    remote: 'any',
    location: 'Leeds',
    ...overrides,
  };
}

describe('explainable matching through the API', () => {
  it('a student with 6 free hours, Instagram and Canva, aiming at marketing, sees fitting projects first with reasons', async () => {
    const { supervisor: shop, org: shopOrg } = await makeOrg(app.url, {
      name: 'Corner Thread Fabrics',
      sector: 'retail',
    });
    const { supervisor: bank, org: bankOrg } = await makeOrg(app.url, {
      name: 'Eastside Food Bank',
      sector: 'nonprofit',
    });
    const fitting = await publish(
      shop,
      projectBody(shopOrg.id, { title: 'Instagram campaign for a fabric shop', hoursPerWeek: 5 }),
    );
    const tooManyHours = await publish(
      shop,
      projectBody(shopOrg.id, {
        title: 'Full social media takeover',
        hoursPerWeek: 10,
        summary: 'Run all our Instagram and Canva content for a marketing push, ten hours a week.',
      }),
    );
    const spreadsheet = await publish(
      bank,
      projectBody(bankOrg.id, {
        title: 'Donor spreadsheet clean-up',
        summary:
          'Clean and de-duplicate our donor records in Excel and move them into a CRM for thank-you letters.',
        skills: [
          { skill: 'Excel', level: 2 },
          { skill: 'data cleaning', level: 2 },
        ],
        deliverables: ['A cleaned donor list', 'Records imported into the CRM'],
        hoursPerWeek: 5,
      }),
    );

    const student = await signUp(app.url, { role: 'student', name: 'Zoë Ñúñez' });
    expect((await student.get('/api/students/me/matches')).status).toBe(409);
    await student.put(
      '/api/students/me/profile',
      studentProfile({
        skills: [
          { skill: 'Instagram', level: 3 },
          { skill: 'Canva', level: 2 },
        ],
        hoursPerWeek: 6,
        goals: 'I want a career in marketing',
        interests: 'small shops and social media',
      }),
    );
    const matches = await student.get('/api/students/me/matches');
    expect(matches.status).toBe(200);
    const ids = matches.body.items.map((item: { project: { id: string } }) => item.project.id);
    expect(ids[0]).toBe(fitting);
    expect(ids).not.toContain(tooManyHours);
    if (ids.includes(spreadsheet)) expect(ids.indexOf(spreadsheet)).toBeGreaterThan(0);
    const best = matches.body.items[0];
    expect(best.score).toBeGreaterThan(0);
    expect(best.reasons.length).toBeGreaterThan(0);
    expect(best.reasons.join(' ')).toMatch(/Instagram|Canva/);
    expect(best.reasons.join(' ')).toMatch(/h\/week/);
    const scores = matches.body.items.map((item: { score: number }) => item.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('a food bank supervisor sees applicants ranked with reasons, and students worth inviting', async () => {
    const { supervisor, org } = await makeOrg(app.url, {
      name: 'Leeds Community Pantry',
      sector: 'nonprofit',
    });
    const projectId = await publish(
      supervisor,
      projectBody(org.id, {
        title: 'Volunteer data clean-up',
        summary:
          'Tidy our volunteer and donor spreadsheets in Excel and build a simple dashboard of weekly figures.',
        skills: [
          { skill: 'Excel', level: 2 },
          { skill: 'data analysis', level: 1 },
        ],
        deliverables: ['A cleaned volunteer list', 'A weekly figures dashboard'],
        hoursPerWeek: 5,
      }),
    );
    const strong = await signUp(app.url, { role: 'student', name: 'Marcus Bell' });
    await strong.put(
      '/api/students/me/profile',
      studentProfile({
        skills: [
          { skill: 'Excel', level: 3 },
          { skill: 'data analysis', level: 2 },
        ],
        goals: 'Data analyst for charities',
      }),
    );
    const weak = await signUp(app.url, { role: 'student', name: 'Priya Weak' });
    await weak.put(
      '/api/students/me/profile',
      studentProfile({ skills: [{ skill: 'Instagram', level: 2 }], goals: 'Fashion marketing' }),
    );
    const notApplied = await signUp(app.url, { role: 'student', name: 'Dana Sheets' });
    await notApplied.put(
      '/api/students/me/profile',
      studentProfile({
        skills: [
          { skill: 'Google Sheets', level: 3 },
          { skill: 'Excel', level: 2 },
        ],
        goals: 'Nonprofit operations',
      }),
    );
    await apply(weak, projectId, 'I would love to learn spreadsheets.');
    await apply(strong, projectId, 'I clean data for my sports club.');

    const stranger = await signUp(app.url, { role: 'supervisor' });
    expect((await stranger.get(`/api/projects/${projectId}/matches`)).status).toBe(403);

    const ranked = await supervisor.get(`/api/projects/${projectId}/matches`);
    expect(ranked.status).toBe(200);
    expect(ranked.body.applicants.map((item: { student: { name: string } }) => item.student.name)).toEqual([
      'Marcus Bell',
      'Priya Weak',
    ]);
    for (const item of ranked.body.applicants) {
      expect(item.applied).toBe(true);
      expect(item.reasons.length).toBeGreaterThan(0);
      expect(item.student).not.toHaveProperty('email');
    }
    expect(ranked.body.suggested.map((item: { student: { name: string } }) => item.student.name)).toContain(
      'Dana Sheets',
    );
    expect(ranked.body.items[0].student.id).toEqual(expect.any(String));

    const invited = await supervisor.post(`/api/projects/${projectId}/invitations`, {
      studentId: notApplied.user.id,
    });
    expect(invited.status).toBe(201);
    const notifications = await notApplied.get('/api/notifications');
    expect(notifications.body.items[0]).toMatchObject({
      kind: 'invited_to_apply',
      link: `/projects/${projectId}`,
    });
  });

  it('keeps skills the taxonomy lacks, as written, and matches them by their words', async () => {
    const { supervisor, org } = await makeOrg(app.url, { name: 'Calder Valley Voice', sector: 'community' });
    const paper = await supervisor.post(
      '/api/projects',
      projectBody(org.id, {
        title: 'Community newspaper reporter',
        summary: 'Cover council meetings and write up local stories for our paper and blog.',
        skills: [
          { skill: 'Shorthand', level: 2 },
          { skill: 'journalism', level: 1 },
        ],
        hoursPerWeek: 5,
      }),
    );
    expect(paper.status).toBe(201);
    expect(paper.body.skills).toContainEqual({
      skillId: 'free:Shorthand',
      label: 'Shorthand',
      level: 2,
      known: false,
    });
    expect((await supervisor.post(`/api/projects/${paper.body.id}/publish`)).status).toBe(200);

    const student = await signUp(app.url, { role: 'student', name: 'Ruth' });
    const refused = await student.put(
      '/api/students/me/profile',
      studentProfile({ skills: [{ skill: 'blog\u0000writing', level: 2 }] }),
    );
    expect(refused.status).toBe(400);
    const saved = await student.put(
      '/api/students/me/profile',
      studentProfile({
        skills: [
          { skill: 'shorthand', level: 2 },
          { skill: 'blog writing', level: 3 },
        ],
      }),
    );
    expect(saved.status).toBe(200);
    const matches = await student.get('/api/students/me/matches');
    expect(matches.status).toBe(200);
    const first = matches.body.items[0];
    expect(first.project.id).toBe(paper.body.id);
    expect(first.reasons.length).toBeGreaterThan(0);
  });
});
