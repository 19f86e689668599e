import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { signUp } from '../helpers/api-client.ts';
import { connected, eventually, openDocument, openSocket, synced } from '../helpers/live.ts';
import {
  addCoSupervisor,
  apply,
  makeOrg,
  makePublishedProject,
  projectBody,
} from '../helpers/marketplace.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { readBoard } from '../../shared/board.ts';
import { getBrief } from '../../shared/doc-layout.ts';
import type { Notification } from '../../shared/live.ts';

let app: TestServer;
const sockets: Socket[] = [];
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app.stop();
});

describe('from "become a business partner" to an open workspace', () => {
  it('walks the whole path', async () => {
    // A supervisor registers a business partner.
    const { supervisor, org } = await makeOrg(app.url, {
      name: 'Corner Thread Fabrics',
      sector: 'retail',
      location: 'Bradford',
    });
    const colleague = await signUp(app.url, { role: 'supervisor' });
    await addCoSupervisor(supervisor, org.id, colleague);

    // Picks a template, and the scoping check flags what is wrong with a rushed version of it.
    const templates = await supervisor.get('/api/project-templates');
    const template = templates.body.items.find((item: { id: string }) => item.id === 'shop-social-campaign');
    expect(template.deliverables.length).toBeGreaterThan(0);
    const rushed = await supervisor.post('/api/projects/scope', {
      title: template.title,
      summary: `${template.summary} We also need a TikTok video and a spreadsheet of sales figures.`,
      deliverables: ['help with social media'],
      milestones: template.milestones,
      skills: [{ skill: 'Instagram', level: 2 }],
      durationWeeks: 10,
      hoursPerWeek: 2,
      remote: 'hybrid',
      fee: 50,
    });
    expect(rushed.status).toBe(200);
    const codes = rushed.body.warnings.map((warning: { code: string }) => warning.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'no_deliverable',
        'too_much_work',
        'duration_out_of_range',
        'missing_skills',
        'fee_below_floor',
      ]),
    );
    expect(rushed.body.suggestedSkills.map((skill: { skillId: string }) => skill.skillId)).toEqual(
      expect.arrayContaining(['tiktok']),
    );
    expect(rushed.body.suggestedFee.amount).toBeGreaterThanOrEqual(20 * 12.21);

    // The template as given is sensible: no blocking warnings.
    const fromTemplate = {
      orgId: org.id,
      title: template.title,
      summary: template.summary,
      goals: template.goals,
      deliverables: template.deliverables,
      milestones: template.milestones,
      skills: template.skills,
      durationWeeks: template.durationWeeks,
      hoursPerWeek: template.hoursPerWeek,
      remote: 'remote',
      fee: 400,
      templateId: template.id,
      questions: ['Which of your posts are you proudest of?'],
    };
    const created = await supervisor.post('/api/projects', fromTemplate);
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('draft');
    expect(created.body.scoping.warnings).toEqual([]);
    const projectId = created.body.id;

    // Drafts are invisible to students and to search.
    const student = await signUp(app.url, { role: 'student', name: 'Zoë Ñúñez' });
    expect((await student.get(`/api/projects/${projectId}`)).status).toBe(404);
    expect(
      (await student.get('/api/projects?q=instagram')).body.items.map((p: { id: string }) => p.id),
    ).not.toContain(projectId);

    expect((await supervisor.post(`/api/projects/${projectId}/publish`)).body.status).toBe('published');

    // The student finds it by words, by skill and by hours.
    const byText = await student.get('/api/projects?q=instagram%20campaign');
    expect(byText.body.items[0].id).toBe(projectId);
    const bySkill = await student.get('/api/projects?skills=insta,Canva&maxHours=8&sector=retail');
    expect(bySkill.body.items.map((p: { id: string }) => p.id)).toEqual([projectId]);
    expect(
      (await student.get('/api/projects?maxHours=5')).body.items.map((p: { id: string }) => p.id),
    ).not.toContain(projectId);

    const profile = await student.put('/api/students/me/profile', {
      headline: 'Marketing student who runs a café Instagram',
      skills: [
        { skill: 'instagram', level: 3 },
        { skill: 'Canva', level: 2 },
      ],
      hoursPerWeek: 8,
      goals: 'A career in marketing for small brands',
      remote: 'any',
      location: 'Leeds',
    });
    expect(profile.status).toBe(200);
    expect(profile.body.completeness.percent).toBeGreaterThan(0);

    // The supervisor hears about the application live.
    const live = await connected(openSocket(app.url, supervisor.cookie));
    sockets.push(live);
    const heard: Notification[] = [];
    live.on('notification', (notification: Notification) => heard.push(notification));
    const application = await apply(student, projectId);
    await eventually(() => expect(heard.map((n) => n.kind)).toContain('application_received'));
    expect(heard[0]!.link).toBe(`/projects/${projectId}/applicants`);

    const applicants = await colleague.get(`/api/projects/${projectId}/applications`);
    expect(applicants.body.items).toEqual([
      expect.objectContaining({ id: application.id, status: 'submitted' }),
    ]);
    expect((await colleague.post(`/api/applications/${application.id}/shortlist`)).body.status).toBe(
      'shortlisted',
    );

    // Accepting opens the workspace.
    const accepted = await supervisor.post(`/api/applications/${application.id}/accept`);
    expect(accepted.status).toBe(200);
    const { workspaceId } = accepted.body;
    expect(workspaceId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await student.get(`/api/projects/${projectId}`)).body).toMatchObject({
      status: 'filled',
      seatsTaken: 1,
    });

    const workspace = await student.get(`/api/workspaces/${workspaceId}`);
    expect(workspace.status).toBe(200);
    expect(workspace.body.myRole).toBe('intern');
    const roles = Object.fromEntries(
      workspace.body.members.map((m: { userId: string; role: string }) => [m.userId, m.role]),
    );
    expect(roles).toEqual({
      [supervisor.user.id]: 'supervisor',
      [colleague.user.id]: 'supervisor',
      [student.user.id]: 'intern',
    });

    const { doc, provider } = openDocument(app.wsUrl, workspaceId, student.cookie, new Y.Doc());
    await synced(provider);
    const brief = getBrief(doc).toString();
    for (const words of [
      template.title,
      'Goals',
      template.goals[0],
      template.deliverables[0],
      'Milestones',
      template.milestones[0].title,
    ]) {
      expect(brief).toContain(words);
    }
    // Milestones are a checklist in TipTap's node names (toString() above lower-cases them).
    const checklist = getBrief(doc)
      .toArray()
      .find((node) => node instanceof Y.XmlElement && node.nodeName === 'taskList') as Y.XmlElement;
    expect(checklist.toArray().map((item) => (item as Y.XmlElement).nodeName)).toEqual(
      template.milestones.map(() => 'taskItem'),
    );
    expect(readBoard(doc).columns[0]!.tasks.map((task) => task.title)).toEqual(
      template.milestones.map((m: { title: string; week: number }) => `Week ${m.week}: ${m.title}`),
    );
    provider.destroy();

    const notifications = await student.get('/api/notifications');
    expect(notifications.body.items[0]).toMatchObject({
      kind: 'application_accepted',
      link: `/workspaces/${workspaceId}`,
    });
    expect((await student.get('/api/applications')).body.items[0]).toMatchObject({
      status: 'accepted',
      workspaceId,
    });
  });
});

describe('rights', () => {
  it('only the organisation edits its projects and sees its applicants; nothing changes on refusal', async () => {
    const { supervisor, org, project } = await makePublishedProject(app.url);
    const otherSupervisor = await signUp(app.url, { role: 'supervisor' });
    const student = await signUp(app.url, { role: 'student' });
    const mentor = await signUp(app.url, { role: 'mentor' });
    const draft = await supervisor.post('/api/projects', projectBody(org.id, { title: 'Secret draft' }));
    const application = await apply(student, project.id);

    const refusals: [typeof student, string, string, unknown?][] = [
      [otherSupervisor, 'PATCH', `/api/projects/${project.id}`, { title: 'Hijacked' }],
      [student, 'PATCH', `/api/projects/${project.id}`, { title: 'Hijacked' }],
      [otherSupervisor, 'POST', `/api/projects/${project.id}/close`],
      [otherSupervisor, 'GET', `/api/projects/${project.id}/applications`],
      [student, 'GET', `/api/projects/${project.id}/applications`],
      [otherSupervisor, 'POST', `/api/applications/${application.id}/accept`],
      [student, 'POST', `/api/applications/${application.id}/accept`],
      [otherSupervisor, 'POST', `/api/applications/${application.id}/decline`, {}],
      [mentor, 'GET', `/api/applications/${application.id}`],
      [otherSupervisor, 'GET', `/api/projects/${draft.body.id}`],
      [student, 'GET', `/api/projects/${draft.body.id}`],
      [otherSupervisor, 'PATCH', `/api/orgs/${org.id}`, { name: 'Hijacked' }],
      [otherSupervisor, 'POST', `/api/orgs/${org.id}/supervisors`, { email: 'x@example.test' }],
      [otherSupervisor, 'GET', `/api/orgs/${org.id}/projects`],
      [student, 'POST', '/api/orgs', { name: 'Mine', sector: 'retail', size: '1-9', workMode: 'remote' }],
      [supervisor, 'POST', `/api/projects/${project.id}/applications`, { note: 'me too' }],
      [mentor, 'PUT', '/api/students/me/profile', {}],
      [student, 'POST', '/api/projects', projectBody(org.id)],
    ];
    for (const [who, method, path, body] of refusals) {
      const response = await who.request(method, path, body);
      expect([403, 404], `${method} ${path} as ${who.user.role}`).toContain(response.status);
      expect(response.body.error.code).toEqual(expect.any(String));
    }
    const after = await supervisor.get(`/api/projects/${project.id}`);
    expect(after.body).toMatchObject({ title: 'Instagram launch for the food bank', status: 'published' });
    expect((await supervisor.get(`/api/applications/${application.id}`)).body.status).toBe('submitted');
    expect((await supervisor.get(`/api/orgs/${org.id}`)).body.supervisors).toHaveLength(1);
  });

  it('a student sees only their own applications', async () => {
    const { project } = await makePublishedProject(app.url);
    const a = await signUp(app.url, { role: 'student' });
    const b = await signUp(app.url, { role: 'student' });
    const mine = await apply(a, project.id);
    expect((await b.get(`/api/applications/${mine.id}`)).status).toBe(404);
    expect((await b.get('/api/applications')).body.items).toEqual([]);
    expect((await b.post(`/api/applications/${mine.id}/withdraw`)).status).toBe(404);
    expect((await a.post(`/api/applications/${mine.id}/withdraw`)).body.status).toBe('withdrawn');
  });
});

describe('invalid input on every route → 400 with the error shape', () => {
  it('refuses each bad body and query', async () => {
    const { supervisor, org, project } = await makePublishedProject(app.url);
    const student = await signUp(app.url, { role: 'student' });
    const cases: [typeof student, string, string, unknown?][] = [
      [supervisor, 'POST', '/api/orgs', { name: 'X', sector: 'bakery', size: '1-9', workMode: 'remote' }],
      [supervisor, 'POST', '/api/orgs', { name: '', sector: 'retail', size: '1-9', workMode: 'remote' }],
      [supervisor, 'PATCH', `/api/orgs/${org.id}`, { size: 'huge' }],
      [supervisor, 'POST', `/api/orgs/${org.id}/supervisors`, { email: 'not-an-email' }],
      [supervisor, 'POST', '/api/projects', projectBody(org.id, { hoursPerWeek: 'six' })],
      [supervisor, 'POST', '/api/projects', projectBody(org.id, { skills: [{ skill: 'Canva', level: 7 }] })],
      [
        supervisor,
        'POST',
        '/api/projects',
        // Any skill name is kept (free-text skills); one with a control character is not a name.
        projectBody(org.id, { skills: [{ skill: 'basket\u0007weaving', level: 1 }] }),
      ],
      [supervisor, 'POST', '/api/projects', projectBody('not-a-uuid')],
      [supervisor, 'POST', '/api/projects', projectBody(org.id, { startDate: '31/12/2026' })],
      [supervisor, 'PATCH', `/api/projects/${project.id}`, { seats: 0 }],
      [supervisor, 'POST', '/api/projects/scope', { durationWeeks: 'x' }],
      [student, 'GET', '/api/projects?maxHours=lots'],
      [student, 'GET', '/api/projects?sector=bakery'],
      [student, 'GET', '/api/projects?cursor=%%%'],
      [student, 'PUT', '/api/students/me/profile', { hoursPerWeek: -3 }],
      [student, 'PUT', '/api/students/me/profile', { links: [{ label: 'x', url: 'javascript:alert(1)' }] }],
      [student, 'PUT', '/api/students/me/profile', { remote: 'moon' }],
      [student, 'POST', `/api/projects/${project.id}/applications`, { note: '' }],
      [student, 'POST', `/api/projects/${project.id}/applications`, { note: 'hi', answers: 'no' }],
      [supervisor, 'POST', `/api/applications/00000000-0000-4000-8000-000000000000/decline`, { message: 42 }],
      [student, 'GET', '/api/notifications?before=yesterday'],
    ];
    for (const [who, method, path, body] of cases) {
      const response = await who.request(method, path, body);
      expect(response.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(response.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    expect((await supervisor.get(`/api/projects/${project.id}`)).body.seats).toBe(1);
  });
});

describe('the last seat', () => {
  it('two supervisors accepting the last seat at once: only one wins', async () => {
    const { supervisor, org, project } = await makePublishedProject(app.url, { seats: 1 });
    const colleague = await signUp(app.url, { role: 'supervisor' });
    await addCoSupervisor(supervisor, org.id, colleague);
    const first = await apply(await signUp(app.url, { role: 'student' }), project.id);
    const second = await apply(await signUp(app.url, { role: 'student' }), project.id);

    const results = await Promise.all([
      supervisor.post(`/api/applications/${first.id}/accept`),
      colleague.post(`/api/applications/${second.id}/accept`),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
    const list = await supervisor.get(`/api/projects/${project.id}/applications`);
    expect(list.body.items.filter((item: { status: string }) => item.status === 'accepted')).toHaveLength(1);
    const workspaces = await supervisor.get('/api/workspaces');
    expect(
      workspaces.body.items.filter((item: { title: string }) => item.title === project.title),
    ).toHaveLength(1);
  });
});

describe('partial updates', () => {
  it('a PATCH changes the fields it sends and leaves every other one as it was', async () => {
    const { supervisor, org } = await makeOrg(app.url, { size: '50-249', workMode: 'onsite' });
    const renamed = await supervisor.request('PATCH', `/api/orgs/${org.id}`, { name: 'Eastside Pantry' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Eastside Pantry', size: '50-249', workMode: 'onsite' });

    const created = await supervisor.post(
      '/api/projects',
      projectBody(org.id, {
        seats: 3,
        currency: 'EUR',
        flexibility: 'fixed',
        location: 'Leeds',
        questions: ['Why us?'],
        startDate: '2027-03-01',
      }),
    );
    expect(created.status).toBe(201);
    const patched = await supervisor.request('PATCH', `/api/projects/${created.body.id}`, {
      title: 'Instagram relaunch',
    });
    expect(patched.status).toBe(200);
    const { title, updatedAt: _changed, ...unchanged } = patched.body;
    expect(title).toBe('Instagram relaunch');
    const { title: _old, updatedAt: _was, scoping: _scoping, ...before } = created.body;
    expect(unchanged).toEqual(before);
    expect(patched.body).toMatchObject({ seats: 3, currency: 'EUR', flexibility: 'fixed', remote: 'remote' });
  });
});
