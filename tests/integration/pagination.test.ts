import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { apply, makeOrg, makePublishedProject, projectBody } from '../helpers/marketplace.ts';
import { firstMilestone } from '../helpers/portfolio.ts';
import { makeAdmin, makeProgramme } from '../helpers/programmes.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { makeWorkspace } from '../helpers/workspace.ts';

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.stop());

/** Follows `next` from the first page; every page must be at most `limit` long. */
async function everyPage(client: ApiClient, path: string, limit: number) {
  const pages: { id: string }[][] = [];
  let next: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const url: string = `${path}${separator}limit=${limit}${next ? `&cursor=${encodeURIComponent(next)}` : ''}`;
    const response = await client.get(url);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.items.length).toBeLessThanOrEqual(limit);
    pages.push(response.body.items);
    next = response.body.next;
  } while (next !== null && pages.length < 50);
  return pages;
}

describe('paginated lists', () => {
  it('GET /api/workspaces answers pages of at most `limit`, newest first, each workspace once', async () => {
    const supervisor = await signUp(app.url, { role: 'supervisor' });
    const made: string[] = [];
    for (let i = 0; i < 7; i++)
      made.push((await supervisor.post('/api/workspaces', { title: `Workspace ${i}` })).body.id);
    const pages = await everyPage(supervisor, '/api/workspaces', 3);
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    expect(pages.flat().map((item) => item.id)).toEqual([...made].reverse());
    const first = await supervisor.get('/api/workspaces');
    expect(first.body.items).toHaveLength(7);
    expect(first.body.next).toBeNull();
  });

  it('GET /api/workspaces/:id/deliverables pages the same way', async () => {
    const team = await makeWorkspace(app.url, { intern: true });
    const milestone = await firstMilestone(team.supervisor, team.workspaceId);
    for (let i = 0; i < 5; i++) {
      const added = await team.intern.post(`/api/workspaces/${team.workspaceId}/deliverables`, {
        kind: 'link',
        title: `Link ${i}`,
        url: `https://example.org/${i}`,
        milestoneId: milestone.id,
      });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
    }
    const pages = await everyPage(team.supervisor, `/api/workspaces/${team.workspaceId}/deliverables`, 2);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(new Set(pages.flat().map((item) => item.id)).size).toBe(5);
  });

  it('refuses a cursor it did not give out and a limit past the maximum (400, error shape)', async () => {
    const supervisor = await signUp(app.url, { role: 'supervisor' });
    for (const query of [
      'cursor=not-a-cursor',
      `cursor=${Buffer.from('[1,2]').toString('base64url')}`,
      'limit=1000',
      'limit=0',
    ]) {
      const response = await supervisor.get(`/api/workspaces?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
  });
});

/**
 * A list of `count` items made by `make`: pages of at most `limit`, following `next` gives each item
 * exactly once, the default page holds them all, and a cursor it never gave out is a 400.
 */
async function expectPaged(client: ApiClient, path: string, made: string[], limit = 2) {
  const pages = await everyPage(client, path, limit);
  const expected = Math.ceil(made.length / limit);
  expect(pages.length, path).toBe(expected);
  const ids = pages.flat().map((item) => item.id);
  expect(ids, path).toHaveLength(new Set(ids).size);
  expect(new Set(ids), path).toEqual(new Set(made));
  const separator = path.includes('?') ? '&' : '?';
  const bad = await client.get(`${path}${separator}cursor=not-a-cursor`);
  expect(bad.status, path).toBe(400);
  expect(bad.body.error.code).toBe('validation_failed');
}

describe('every list answers pages with `next`', () => {
  it('applications: the student’s and a project’s applicants', async () => {
    const student = await signUp(app.url, { role: 'student' });
    const mine: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { project } = await makePublishedProject(app.url, { title: `Project ${i} for pages` });
      mine.push((await apply(student, project.id)).id);
    }
    await expectPaged(student, '/api/applications', mine);

    const { supervisor, project } = await makePublishedProject(app.url);
    const applicants: string[] = [];
    for (let i = 0; i < 5; i++)
      applicants.push((await apply(await signUp(app.url, { role: 'student' }), project.id)).id);
    await expectPaged(supervisor, `/api/projects/${project.id}/applications`, applicants);
  });

  it('organisations and an organisation’s projects', async () => {
    const { supervisor, org } = await makeOrg(app.url);
    const orgs = [org.id];
    for (let i = 0; i < 4; i++) {
      const created = await supervisor.post('/api/orgs', {
        name: `Org ${i}`,
        sector: 'nonprofit',
        size: '10-49',
        location: 'Leeds',
        workMode: 'hybrid',
        description: 'Another one.',
      });
      expect(created.status).toBe(201);
      orgs.push(created.body.id);
    }
    await expectPaged(supervisor, '/api/orgs', orgs);
    const projects: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await supervisor.post('/api/projects', projectBody(org.id, { title: `Draft ${i}` }));
      expect(created.status).toBe(201);
      projects.push(created.body.id);
    }
    await expectPaged(supervisor, `/api/orgs/${org.id}/projects`, projects);
  });

  it('brief versions and sessions', async () => {
    const team = await makeWorkspace(app.url);
    const versions: string[] = [];
    for (let i = 0; i < 5; i++) {
      const saved = await team.supervisor.post(`/api/workspaces/${team.workspaceId}/versions`, {
        label: `Version ${i}`,
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(201);
      versions.push(saved.body.id);
    }
    await expectPaged(team.supervisor, `/api/workspaces/${team.workspaceId}/versions`, versions);

    const person = await signUp(app.url, { role: 'student', password: 'a long pass phrase 2026' });
    for (let i = 0; i < 4; i++) {
      const again = new ApiClient(app.url);
      const login = await again.post('/api/auth/login', {
        email: person.user.email,
        password: 'a long pass phrase 2026',
      });
      expect(login.status).toBe(200);
    }
    const all = await person.get('/api/me/sessions?limit=100');
    expect(all.body.items).toHaveLength(5);
    await expectPaged(
      person,
      '/api/me/sessions',
      all.body.items.map((item: { id: string }) => item.id),
    );
  });

  it('programmes, for the instance admin', async () => {
    const admin = await makeAdmin(app);
    const before = (await admin.get('/api/programmes?limit=100')).body.items.map(
      (item: { id: string }) => item.id,
    );
    const made: string[] = [...before];
    for (let i = 0; i < 5; i++) made.push((await makeProgramme(admin, { name: `Programme ${i}` })).id);
    await expectPaged(admin, '/api/programmes', made);
  });
});
