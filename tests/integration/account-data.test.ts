import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { makeWorkspace } from '../helpers/workspace.ts';
import { connected, emitWithAck, openSocket } from '../helpers/live.ts';

let app: TestServer;

beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.stop());

async function say(cookie: string | undefined, workspaceId: string, body: string) {
  const socket = await connected(openSocket(app.url, cookie));
  try {
    expect((await emitWithAck(socket, 'workspace:join', { workspaceId })).ok).toBe(true);
    const ack = await emitWithAck(socket, 'chat:send', { workspaceId, body, clientId: `c-${Math.random()}` });
    expect(ack.ok).toBe(true);
  } finally {
    socket.close();
  }
}

describe('taking my data and leaving', () => {
  it('exports the caller’s data as JSON, including the messages they wrote', async () => {
    const { workspaceId, intern } = await makeWorkspace(app.url, { intern: true });
    await say(intern.cookie, workspaceId, 'My first update: the poster draft is up.');
    const exported = await intern.get('/api/me/export');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    expect(exported.body.account).toMatchObject({ id: intern.user.id, email: intern.user.email });
    expect(exported.body.messages.map((m: { body: string }) => m.body)).toEqual([
      'My first update: the poster draft is up.',
    ]);
    for (const key of ['profile', 'applications', 'portfolio', 'feedbackGiven'])
      expect(exported.body).toHaveProperty(key);
    expect(JSON.stringify(exported.body)).not.toMatch(/password_?hash|scrypt\$/i);
    expect((await new ApiClient(app.url).get('/api/me/export')).status).toBe(401);
  });

  it('deletes the account with its password: personal data gone, messages kept as “Former member”', async () => {
    const { workspaceId, intern, supervisor } = await makeWorkspace(app.url, { intern: true });
    await say(intern.cookie, workspaceId, 'Signing off soon.');

    const wrong = await intern.request('DELETE', '/api/me', { password: 'not my password' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('wrong_password');
    expect((await intern.request('DELETE', '/api/me', {})).status).toBe(400);

    const deleted = await intern.request('DELETE', '/api/me', { password: intern.password });
    expect(deleted.status).toBe(200);
    const login = await new ApiClient(app.url).post('/api/auth/login', {
      email: intern.user.email,
      password: intern.password,
    });
    expect(login.status).toBe(401);

    const messages = await supervisor.get(`/api/workspaces/${workspaceId}/messages`);
    const kept = messages.body.items.find((m: { body: string }) => m.body === 'Signing off soon.');
    expect(kept.author.name).toBe('Former member');
    const workspace = await supervisor.get(`/api/workspaces/${workspaceId}`);
    expect(JSON.stringify(workspace.body)).not.toContain(intern.user.email);
  });
});
