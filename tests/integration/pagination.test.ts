import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type ApiClient } from '../helpers/api-client.ts';
import { firstMilestone } from '../helpers/portfolio.ts';
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
