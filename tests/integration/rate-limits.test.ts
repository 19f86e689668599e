import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { makeWorkspace } from '../helpers/workspace.ts';
import { confirmAddress } from '../helpers/accounts.ts';
import { connected, openSocket } from '../helpers/live.ts';

/**
 * Finding 7 of the hardening issue: chat, joins, typing, signups and adding/removing members had
 * no limits. Each is tried past its limit here, on two servers sharing one database, so the count
 * is seen to be shared between processes.
 */
const LIMIT = 3;
const env = {
  RATE_LIMITS: ['chat:send', 'chat:typing', 'workspace:join', 'signup', 'members:change']
    .map((name) => `${name}=${LIMIT}/600`)
    .join(','),
};

let first: TestServer;
let second: TestServer;
beforeAll(async () => {
  first = await startTestServer({ env });
  second = await startTestServer({ env, database: first.database });
});
afterAll(async () => {
  await second.server.shutdown();
  await first.stop();
});

const tooMany = { ok: false, error: { code: 'too_many_requests', message: expect.any(String) } };

function expectTooMany(response: { status: number; body: any; headers: Headers }) {
  expect(response.status).toBe(429);
  expect(response.body).toMatchObject({ error: { code: 'too_many_requests', message: expect.any(String) } });
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
}

describe('limits shared across processes', () => {
  it('signups from one address: the fourth is refused, on either process', async () => {
    const attempt = (url: string, n: number) =>
      new ApiClient(url).post('/api/auth/signup', {
        email: `limited-${n}-${Date.now()}@example.test`,
        password: 'a long and unusual passphrase',
        name: `Limited ${n}`,
        role: 'student',
      });
    for (let n = 0; n < LIMIT; n++)
      expect((await attempt(n % 2 ? second.url : first.url, n)).status).toBe(201);
    expectTooMany(await attempt(second.url, LIMIT));
    expectTooMany(await attempt(first.url, LIMIT + 1));
  });

  it('adding and removing members (and the notifications that brings): refused past the limit', async () => {
    // Signups are limited per address too; these accounts come from a server without limits.
    const open = await startTestServer({ database: first.database });
    try {
      const { supervisor, workspaceId } = await makeWorkspace(open.url);
      const person = await signUp(open.url, { role: 'mentor' });
      await confirmAddress(person);
      const onFirst = Object.assign(new ApiClient(first.url), { cookie: supervisor.cookie });
      const onSecond = Object.assign(new ApiClient(second.url), { cookie: supervisor.cookie });
      const invite = (client: ApiClient) =>
        client.post(`/api/workspaces/${workspaceId}/members`, { email: person.user.email, role: 'mentor' });
      // Adding is an invitation: the person accepts it, so there is a member to remove.
      const add = async (client: ApiClient) => {
        const invited = await invite(client);
        if (invited.status === 201)
          expect((await person.post(`/api/invitations/${invited.body.id}/accept`)).status).toBe(200);
        return invited;
      };
      const remove = (client: ApiClient) =>
        client.delete(`/api/workspaces/${workspaceId}/members/${person.user.id}`);
      expect((await add(onFirst)).status).toBe(201);
      expect((await remove(onSecond)).status).toBe(200);
      expect((await add(onFirst)).status).toBe(201);
      expectTooMany(await remove(onSecond));
      expectTooMany(await add(onFirst));
      const notifications = await person.get('/api/notifications');
      expect(notifications.body.items.length).toBeLessThanOrEqual(2);
    } finally {
      await open.server.shutdown();
    }
  });

  describe('over Socket.IO, the ack carries the error shape', () => {
    let sockets: Socket[] = [];
    let workspaceId: string;
    let cookie: string;
    beforeAll(async () => {
      const open = await startTestServer({ database: first.database });
      try {
        const made = await makeWorkspace(open.url);
        workspaceId = made.workspaceId;
        cookie = made.supervisor.cookie!;
      } finally {
        await open.server.shutdown();
      }
      sockets = [
        await connected(openSocket(first.url, cookie)),
        await connected(openSocket(second.url, cookie)),
      ];
    });
    afterAll(() => sockets.forEach((socket) => socket.disconnect()));

    it('workspace:join', async () => {
      const acks = [];
      for (let n = 0; n <= LIMIT; n++)
        acks.push(await sockets[n % 2]!.emitWithAck('workspace:join', { workspaceId }));
      expect(acks.slice(0, LIMIT).every((ack) => ack.ok)).toBe(true);
      expect(acks[LIMIT]).toEqual(tooMany);
    });

    it('chat:send', async () => {
      const acks = [];
      for (let n = 0; n <= LIMIT; n++) {
        acks.push(
          await sockets[n % 2]!.emitWithAck('chat:send', {
            workspaceId,
            body: `message ${n}`,
            clientId: `c${n}`,
          }),
        );
      }
      expect(acks.slice(0, LIMIT).every((ack) => ack.ok)).toBe(true);
      expect(acks[LIMIT]).toEqual(tooMany);
    });

    it('chat:typing', async () => {
      const acks = [];
      for (let n = 0; n <= LIMIT; n++) {
        acks.push(await sockets[n % 2]!.emitWithAck('chat:typing', { workspaceId, typing: n % 2 === 0 }));
      }
      expect(acks.slice(0, LIMIT)).toEqual(Array(LIMIT).fill({ ok: true }));
      expect(acks[LIMIT]).toEqual(tooMany);
    });
  });
});
