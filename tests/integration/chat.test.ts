import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectSocket, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { signUp } from '../helpers/api-client.ts';
import { connected, emitWithAck, eventually, openSocket } from '../helpers/live.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { makeWorkspace } from '../helpers/workspace.ts';
import type { ChatMessage } from '../../shared/schemas/chat.ts';
import type { PresentPerson } from '../../shared/live.ts';
import { MAX_SOCKET_PACKET_BYTES } from '../../shared/limits.ts';
import { randomUUID } from 'node:crypto';
import { listMessages, postMessage } from '../../server/services/workspace/chat.ts';

let app: TestServer;
const sockets: Socket[] = [];
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app.stop();
});

async function socketFor(cookie: string | undefined) {
  const socket = await connected(openSocket(app.url, cookie));
  sockets.push(socket);
  return socket;
}

describe('workspace chat over Socket.IO', () => {
  it('delivers live, stores in order, and a resend with the same clientId is not duplicated', async () => {
    const { workspaceId, supervisor, intern } = await makeWorkspace(app.url, { intern: true });
    const a = await socketFor(supervisor.cookie);
    const b = await socketFor(intern.cookie);
    expect((await emitWithAck(a, 'workspace:join', { workspaceId })).ok).toBe(true);
    const joined = await emitWithAck(b, 'workspace:join', { workspaceId });
    expect(joined).toMatchObject({ ok: true, history: [], role: 'intern', unread: 0 });

    const received: ChatMessage[] = [];
    b.on('chat:message', (message: ChatMessage) => received.push(message));
    const first = await emitWithAck(a, 'chat:send', {
      workspaceId,
      body: 'Welcome aboard!',
      clientId: 'c-1',
    });
    expect(first.ok).toBe(true);
    expect(first.message).toMatchObject({ body: 'Welcome aboard!', author: { id: supervisor.user.id } });
    const resend = await emitWithAck(a, 'chat:send', {
      workspaceId,
      body: 'Welcome aboard!',
      clientId: 'c-1',
    });
    expect(resend.message.id).toBe(first.message.id);

    await eventually(() => expect(received.map((message) => message.body)).toEqual(['Welcome aboard!']));
    const stored = await intern.get(`/api/workspaces/${workspaceId}/messages`);
    expect(stored.body.items).toHaveLength(1);
    expect(stored.body.next).toBeNull();
  });

  it('messages sent at the same moment from several workspaces are each stored and broadcast once, copies of one clientId collapse', async () => {
    const first = await makeWorkspace(app.url, { intern: true });
    const second = await makeWorkspace(app.url, { intern: true });
    const senders = await Promise.all([
      socketFor(first.supervisor.cookie),
      socketFor(second.supervisor.cookie),
    ]);
    const listeners = await Promise.all([socketFor(first.intern!.cookie), socketFor(second.intern!.cookie)]);
    const workspaces = [first.workspaceId, second.workspaceId];
    const received: ChatMessage[][] = [[], []];
    for (const [n, socket] of [...senders, ...listeners].entries())
      expect((await emitWithAck(socket, 'workspace:join', { workspaceId: workspaces[n % 2] })).ok).toBe(true);
    listeners.forEach((socket, n) =>
      socket.on('chat:message', (message: ChatMessage) => received[n]!.push(message)),
    );

    // Sent without waiting for each other's acks: they land in shared writes.
    const acks = await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        emitWithAck(senders[n % 2]!, 'chat:send', {
          workspaceId: workspaces[n % 2],
          body: `at once ${n}`,
          // Three copies of one message in each workspace, sent together (a client retrying fast).
          clientId: n >= 34 ? `same-${n % 2}` : `burst-${n}`,
        }),
      ),
    );
    expect(acks.every((ack) => ack.ok)).toBe(true);
    for (const side of [0, 1]) {
      const copies = acks.filter((_, n) => n >= 34 && n % 2 === side);
      expect(new Set(copies.map((ack) => ack.message.id)).size).toBe(1);
      await eventually(() => expect(received[side]).toHaveLength(18));
      expect(new Set(received[side]!.map((message) => message.id)).size).toBe(18);
      expect(received[side]!.every((message) => message.workspaceId === workspaces[side])).toBe(true);
    }
    const stored = await first.intern!.get(`/api/workspaces/${first.workspaceId}/messages?limit=100`);
    expect(stored.body.items).toHaveLength(18);
  });

  it('one message that cannot be stored does not refuse the others written with it', async () => {
    const { workspaceId, supervisor } = await makeWorkspace(app.url);
    const db = app.database.db;
    const authorId = supervisor.user.id;
    const results = await Promise.allSettled([
      postMessage(db, { workspaceId, authorId, body: 'kept 1', clientId: 'k1' }),
      // No such workspace: its foreign key fails the shared INSERT, which is then written apart.
      postMessage(db, { workspaceId: randomUUID(), authorId, body: 'nowhere', clientId: 'k2' }),
      postMessage(db, { workspaceId, authorId, body: 'kept 2', clientId: 'k3' }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const { items } = await listMessages(db, workspaceId);
    expect(items.map((message) => message.body)).toEqual(['kept 1', 'kept 2']);
  });

  it('loads history on join and pages backwards, over Socket.IO and HTTP alike', async () => {
    const { workspaceId, supervisor, intern } = await makeWorkspace(app.url, { intern: true });
    const a = await socketFor(supervisor.cookie);
    await emitWithAck(a, 'workspace:join', { workspaceId });
    for (let n = 1; n <= 120; n++) {
      const sent = await emitWithAck(a, 'chat:send', {
        workspaceId,
        body: `message ${n}`,
        clientId: `m-${n}`,
      });
      expect(sent.ok).toBe(true);
    }
    const b = await socketFor(intern.cookie);
    const joined = await emitWithAck(b, 'workspace:join', { workspaceId });
    expect(joined.history).toHaveLength(50);
    expect(joined.history[0].body).toBe('message 71');
    expect(joined.history[49].body).toBe('message 120');
    expect(joined.hasMore).toBe(true);
    expect(joined.unread).toBe(120);

    const older = await emitWithAck(b, 'chat:history', { workspaceId, before: joined.history[0].seq });
    expect(older.items.map((message: ChatMessage) => message.body)[0]).toBe('message 21');
    const oldest = await emitWithAck(b, 'chat:history', { workspaceId, before: older.items[0].seq });
    expect(oldest.items).toHaveLength(20);
    expect(oldest.hasMore).toBe(false);

    const page1 = await intern.get(`/api/workspaces/${workspaceId}/messages?limit=100`);
    expect(page1.body.items).toHaveLength(100);
    const page2 = await intern.get(
      `/api/workspaces/${workspaceId}/messages?before=${page1.body.next}&limit=100`,
    );
    expect(page2.body.items.map((message: ChatMessage) => message.body)).toEqual(
      Array.from({ length: 20 }, (_, i) => `message ${i + 1}`),
    );
    expect(page2.body.next).toBeNull();

    const read = await emitWithAck(b, 'chat:read', { workspaceId, seq: joined.history[49].seq });
    expect(read).toEqual({ ok: true, unread: 0 });
    const mine = await intern.get('/api/workspaces');
    expect(mine.body.items.find((item: { id: string }) => item.id === workspaceId).unread).toBe(0);
  });

  it('keeps an HTML injection attempt as plain text', async () => {
    const { workspaceId, supervisor } = await makeWorkspace(app.url);
    const a = await socketFor(supervisor.cookie);
    await emitWithAck(a, 'workspace:join', { workspaceId });
    const body = '<img src=x onerror=alert(1)> see https://example.org/?a=<b>';
    const sent = await emitWithAck(a, 'chat:send', { workspaceId, body, clientId: 'xss' });
    expect(sent.message.body).toBe(body);
    const history = await supervisor.get(`/api/workspaces/${workspaceId}/messages`);
    expect(history.headers.get('content-type')).toMatch(/application\/json/);
    expect(history.body.items[0].body).toBe(body);
  });

  it('shows presence with roles and typing to others, and drops people who leave', async () => {
    const { workspaceId, supervisor, mentor } = await makeWorkspace(app.url, { mentor: true });
    const a = await socketFor(supervisor.cookie);
    await emitWithAck(a, 'workspace:join', { workspaceId });
    const updates: { people: { name: string; role: string }[] }[] = [];
    a.on('presence:update', (event) => updates.push(event));
    const typing: { name: string; typing: boolean }[] = [];
    a.on('chat:typing', (event) => typing.push(event));

    const m = await socketFor(mentor.cookie);
    const joined = await emitWithAck(m, 'workspace:join', { workspaceId });
    expect(joined.presence).toEqual(
      expect.arrayContaining([
        { userId: supervisor.user.id, name: supervisor.user.name, role: 'supervisor' },
        { userId: mentor.user.id, name: mentor.user.name, role: 'mentor' },
      ]),
    );
    await eventually(() => expect(updates.at(-1)?.people).toHaveLength(2));
    m.emit('chat:typing', { workspaceId, typing: true });
    await eventually(() =>
      expect(typing).toEqual([expect.objectContaining({ name: mentor.user.name, typing: true })]),
    );
    // Mentors chat too.
    expect((await emitWithAck(m, 'chat:send', { workspaceId, body: 'Looks great', clientId: 'm1' })).ok).toBe(
      true,
    );
    m.disconnect();
    await eventually(() =>
      expect(updates.at(-1)?.people.map((person) => person.role)).toEqual(['supervisor']),
    );
  });

  it('a client back after a dropped connection recovers its room and the message it missed', async () => {
    const { workspaceId, supervisor, intern } = await makeWorkspace(app.url, { intern: true });
    const a = await socketFor(supervisor.cookie);
    const b = connectSocket(app.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 50,
      extraHeaders: { cookie: intern.cookie ?? '', origin: app.url },
    });
    sockets.push(b);
    await connected(b);
    expect((await emitWithAck(a, 'workspace:join', { workspaceId })).ok).toBe(true);
    expect((await emitWithAck(b, 'workspace:join', { workspaceId })).ok).toBe(true);
    const received: string[] = [];
    b.on('chat:message', (message: ChatMessage) => received.push(message.body));
    await emitWithAck(a, 'chat:send', { workspaceId, body: 'before', clientId: 'r0' });
    await eventually(() => expect(received).toEqual(['before']));

    // The server has seen the intern go once presence no longer lists them.
    const gone = new Promise<void>((resolve) =>
      a.on('presence:update', ({ people }: { people: PresentPerson[] }) => {
        if (!people.some((person) => person.userId === intern.user.id)) resolve();
      }),
    );
    const back = new Promise<void>((resolve) => b.io.once('reconnect', () => resolve()));
    b.io.engine.close();
    await gone;
    await emitWithAck(a, 'chat:send', { workspaceId, body: 'while away', clientId: 'r1' });
    await back;
    await eventually(() => expect(b.connected).toBe(true));
    expect(b.recovered).toBe(true);
    await eventually(() => expect(received).toEqual(['before', 'while away']));
    // Still in the room, without joining again.
    await emitWithAck(a, 'chat:send', { workspaceId, body: 'after', clientId: 'r2' });
    await eventually(() => expect(received).toEqual(['before', 'while away', 'after']));
  });

  it('gives a non-member nothing and a viewer no voice', async () => {
    const { workspaceId, supervisor, viewer } = await makeWorkspace(app.url, { viewer: true });
    const outsider = await signUp(app.url);
    const s = await socketFor(outsider.cookie);
    const refused = await emitWithAck(s, 'workspace:join', { workspaceId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'workspace_not_found' } });
    const sneaky = await emitWithAck(s, 'chat:send', { workspaceId, body: 'hi', clientId: 'x' });
    expect(sneaky.ok).toBe(false);
    expect((await outsider.get(`/api/workspaces/${workspaceId}/messages`)).status).toBe(404);

    const v = await socketFor(viewer.cookie);
    expect((await emitWithAck(v, 'workspace:join', { workspaceId })).ok).toBe(true);
    const silenced = await emitWithAck(v, 'chat:send', { workspaceId, body: 'hi', clientId: 'v' });
    expect(silenced).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await supervisor.get(`/api/workspaces/${workspaceId}/messages`)).body.items).toHaveLength(0);
  });

  it('a removed member is told and leaves the room at once', async () => {
    const { workspaceId, supervisor, intern } = await makeWorkspace(app.url, { intern: true });
    const b = await socketFor(intern.cookie);
    await emitWithAck(b, 'workspace:join', { workspaceId });
    const removed = new Promise((resolve) => b.once('workspace:removed', resolve));
    const heard: ChatMessage[] = [];
    b.on('chat:message', (message: ChatMessage) => heard.push(message));
    await supervisor.delete(`/api/workspaces/${workspaceId}/members/${intern.user.id}`);
    expect(await removed).toEqual({ workspaceId });
    const a = await socketFor(supervisor.cookie);
    await emitWithAck(a, 'workspace:join', { workspaceId });
    await emitWithAck(a, 'chat:send', { workspaceId, body: 'after removal', clientId: 'after' });
    // A sentinel instead of a pause: the server answers the removed member's own request only after
    // it broadcast the message above, so a copy sent to them would have arrived first.
    expect(await emitWithAck(b, 'chat:history', { workspaceId })).toMatchObject({ ok: false });
    expect(heard).toEqual([]);
  });

  it.each([
    ['no payload', undefined],
    ['a string', 'hello'],
    ['a bad workspace id', { workspaceId: 'nope', body: 'x', clientId: 'c' }],
    ['an empty body', { workspaceId: '00000000-0000-4000-8000-000000000000', body: '   ', clientId: 'c' }],
    [
      'a wrong-typed clientId',
      { workspaceId: '00000000-0000-4000-8000-000000000000', body: 'x', clientId: 5 },
    ],
  ])('chat:send with %s is answered with validation_failed and the socket lives', async (_label, payload) => {
    const person = await signUp(app.url);
    const socket = await socketFor(person.cookie);
    const answer = await emitWithAck(socket, 'chat:send', payload);
    expect(answer).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(socket.connected).toBe(true);
  });

  it('a malformed Socket.IO packet closes that connection only', async () => {
    const person = await signUp(app.url);
    const raw = new WebSocket(`${app.wsUrl}/socket.io/?EIO=4&transport=websocket`, {
      headers: { cookie: person.cookie!, origin: app.url },
    });
    const closed = new Promise((resolve) => raw.once('close', resolve));
    raw.once('message', () => {
      raw.send('40');
      raw.send('42["chat:send",{"workspaceId":');
    });
    await closed;
    const healthy = await socketFor(person.cookie);
    expect(healthy.connected).toBe(true);
  });

  it('an oversized packet closes the connection; the server carries on', async () => {
    const person = await signUp(app.url);
    const socket = await socketFor(person.cookie);
    const gone = new Promise((resolve) => socket.once('disconnect', resolve));
    socket.emit('chat:send', {
      workspaceId: 'x',
      body: 'x'.repeat(MAX_SOCKET_PACKET_BYTES + 100),
      clientId: 'big',
    });
    await gone;
    const again = await socketFor(person.cookie);
    expect(again.connected).toBe(true);
  });
});
