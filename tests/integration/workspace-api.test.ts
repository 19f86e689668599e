import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { eventually, openDocument, synced } from '../helpers/live.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { makeWorkspace } from '../helpers/workspace.ts';
import { confirmAddress } from '../helpers/accounts.ts';
import { getBrief } from '../../shared/doc-layout.ts';

let app: TestServer;
const providers: { destroy(): void }[] = [];
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  for (const provider of providers) provider.destroy();
  await app.stop();
});

describe('workspace routes', () => {
  it('only supervisors start workspaces; the creator is its supervisor', async () => {
    const student = await signUp(app.url, { role: 'student' });
    const refused = await student.post('/api/workspaces', { title: 'Mine' });
    expect(refused.status).toBe(403);
    const supervisor = await signUp(app.url, { role: 'supervisor' });
    const created = await supervisor.post('/api/workspaces', { title: '  Donor database clean-up ' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Donor database clean-up',
      status: 'active',
      myRole: 'supervisor',
      members: [{ userId: supervisor.user.id, role: 'supervisor' }],
    });
    expect(created.body.myRights).toContain('manageMembers');
    const list = await supervisor.get('/api/workspaces');
    expect(list.body).toEqual({
      items: [expect.objectContaining({ id: created.body.id, unread: 0 })],
      next: null,
    });
  });

  it('adds people by invitation: they join when they accept, and a second invitation to a member is refused', async () => {
    const { workspaceId, supervisor } = await makeWorkspace(app.url);
    const mentor = await signUp(app.url, { role: 'mentor' });
    await confirmAddress(mentor);
    const added = await supervisor.post(`/api/workspaces/${workspaceId}/members`, {
      email: mentor.user.email,
      role: 'mentor',
    });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      id: expect.any(String),
      email: mentor.user.email,
      role: 'mentor',
      status: 'pending',
    });
    expect((await mentor.get(`/api/workspaces/${workspaceId}`)).status).toBe(404);
    expect((await mentor.post(`/api/invitations/${added.body.id}/accept`)).status).toBe(200);
    expect((await mentor.get(`/api/workspaces/${workspaceId}`)).body.myRights).toEqual([
      'view',
      'chat',
      'comment',
    ]);
    const again = await supervisor.post(`/api/workspaces/${workspaceId}/members`, {
      email: mentor.user.email,
      role: 'viewer',
    });
    expect(again.status).toBe(409);

    const invited = await supervisor.post(`/api/workspaces/${workspaceId}/members`, {
      email: 'New.Intern@example.test',
      role: 'intern',
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({
      email: 'new.intern@example.test',
      role: 'intern',
      status: 'pending',
    });
    const intern = await signUp(app.url, { email: 'new.intern@example.test' });
    // Signing up is not enough: the address must be proven before the invitation can be answered.
    expect((await intern.get('/api/me/invitations')).body.items).toEqual([]);
    expect((await intern.post(`/api/invitations/${invited.body.id}/accept`)).status).toBe(404);
    await confirmAddress(intern);
    const waiting = await intern.get('/api/me/invitations');
    expect(waiting.body.items).toEqual([
      expect.objectContaining({
        id: invited.body.id,
        target: 'workspace',
        targetId: workspaceId,
        role: 'intern',
      }),
    ]);
    expect((await intern.post(`/api/invitations/${invited.body.id}/accept`)).status).toBe(200);
    const seen = await intern.get(`/api/workspaces/${workspaceId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.myRole).toBe('intern');
  });

  it('every route refuses a stranger (404) and a member without the right (403), changing nothing', async () => {
    const { workspaceId, supervisor, mentor } = await makeWorkspace(app.url, { mentor: true });
    const stranger = await signUp(app.url, { role: 'supervisor' });
    const anonymous = new ApiClient(app.url);
    const routes: [string, string, unknown?][] = [
      ['GET', `/api/workspaces/${workspaceId}`],
      ['POST', `/api/workspaces/${workspaceId}/members`, { email: 'x@example.test', role: 'intern' }],
      ['DELETE', `/api/workspaces/${workspaceId}/members/${supervisor.user.id}`],
      ['GET', `/api/workspaces/${workspaceId}/messages`],
      ['GET', `/api/workspaces/${workspaceId}/versions`],
      ['POST', `/api/workspaces/${workspaceId}/versions`, { label: 'Sneaky' }],
    ];
    for (const [method, path, body] of routes) {
      expect((await anonymous.request(method, path, body)).status, `${method} ${path} anonymous`).toBe(401);
      const response = await stranger.request(method, path, body);
      expect(response.status, `${method} ${path} stranger`).toBe(404);
      expect(response.body.error.code).toBe('workspace_not_found');
    }
    for (const [method, path, body] of routes.slice(1).filter(([method]) => method !== 'GET')) {
      const response = await mentor.request(method, path, body);
      expect(response.status, `${method} ${path} mentor`).toBe(403);
    }
    const after = await supervisor.get(`/api/workspaces/${workspaceId}`);
    expect(after.body.members).toHaveLength(2);
    expect(after.body.invitations).toEqual([]);
    expect((await supervisor.get(`/api/workspaces/${workspaceId}/versions`)).body.items).toEqual([]);
  });

  it('rejects bad input with the error shape', async () => {
    const { workspaceId, supervisor } = await makeWorkspace(app.url);
    const cases: [string, string, unknown][] = [
      ['POST', '/api/workspaces', {}],
      ['POST', '/api/workspaces', { title: '' }],
      ['POST', '/api/workspaces', { title: 42 }],
      ['POST', `/api/workspaces/${workspaceId}/members`, { email: 'nope', role: 'intern' }],
      ['POST', `/api/workspaces/${workspaceId}/members`, { email: 'a@example.test', role: 'owner' }],
      ['POST', `/api/workspaces/${workspaceId}/versions`, { label: '' }],
      ['GET', `/api/workspaces/${workspaceId}/messages?before=abc`, undefined],
      ['GET', `/api/workspaces/${workspaceId}/messages?limit=5000`, undefined],
    ];
    for (const [method, path, body] of cases) {
      const response = await supervisor.request(method, path, body);
      expect(response.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
    expect((await supervisor.get('/api/workspaces/not-a-uuid')).status).toBe(404);
    expect((await supervisor.delete(`/api/workspaces/${workspaceId}/members/not-a-uuid`)).status).toBe(404);
  });

  it('keeps the last supervisor', async () => {
    const { workspaceId, supervisor } = await makeWorkspace(app.url);
    const response = await supervisor.delete(`/api/workspaces/${workspaceId}/members/${supervisor.user.id}`);
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('last_supervisor');
  });
});

describe('named versions of the brief', () => {
  const text = (doc: Y.Doc) => getBrief(doc).toString();
  function write(doc: Y.Doc, words: string) {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(words)]);
    getBrief(doc).push([paragraph]);
  }

  it('saves, lists with author, shows read-only, and restores as a live edit everyone sees', async () => {
    const { workspaceId, supervisor, intern } = await makeWorkspace(app.url, { intern: true });
    const a = openDocument(app.wsUrl, workspaceId, supervisor.cookie);
    const b = openDocument(app.wsUrl, workspaceId, intern.cookie);
    providers.push(a.provider, b.provider);
    await Promise.all([synced(a.provider), synced(b.provider)]);

    write(a.doc, 'Kick-off: three posts a week');
    await eventually(() => expect(text(b.doc)).toContain('three posts'));
    const saved = await supervisor.post(`/api/workspaces/${workspaceId}/versions`, {
      label: 'Kick-off agreed',
    });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({
      label: 'Kick-off agreed',
      author: { id: supervisor.user.id },
      automatic: false,
    });

    getBrief(b.doc).delete(0, getBrief(b.doc).length);
    write(b.doc, 'Everything rewritten');
    await eventually(() => expect(text(a.doc)).not.toContain('three posts'));

    const listed = await intern.get(`/api/workspaces/${workspaceId}/versions`);
    expect(listed.body.items.map((version: { label: string }) => version.label)).toEqual(['Kick-off agreed']);
    const shown = await intern.get(`/api/workspaces/${workspaceId}/versions/${saved.body.id}`);
    const old = new Y.Doc();
    Y.applyUpdate(old, Buffer.from(shown.body.state, 'base64'));
    expect(text(old)).toContain('three posts');

    const restored = await intern.post(`/api/workspaces/${workspaceId}/versions/${saved.body.id}/restore`);
    expect(restored.status).toBe(200);
    await eventually(() => {
      expect(text(a.doc)).toContain('Kick-off: three posts a week');
      expect(text(a.doc)).not.toContain('Everything rewritten');
      expect(text(b.doc)).toBe(text(a.doc));
    });
    // The restore is a new edit: the rewrite is still in the history of versions, nothing was erased.
    expect((await intern.get(`/api/workspaces/${workspaceId}/versions`)).body.items).toHaveLength(1);
    expect(
      (await intern.get(`/api/workspaces/${workspaceId}/versions/00000000-0000-4000-8000-000000000000`))
        .status,
    ).toBe(404);
  });
});
