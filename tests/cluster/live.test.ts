import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { YJS_CLOSE } from '../../shared/live.ts';
import { getBrief } from '../../shared/doc-layout.ts';
import { loadDocument } from '../../server/services/live/doc-store.ts';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { connected, emitWithAck, eventually, openDocument, openSocket, synced } from '../helpers/live.ts';
import { addMember, makeWorkspace } from '../helpers/workspace.ts';
import { dropOpenMilestones, ENDORSEMENT, makeProjectWorkspace } from '../helpers/portfolio.ts';
import {
  RawDocumentClient,
  markersIn,
  startTestCluster,
  typeParagraph,
  type TestCluster,
} from './helpers.ts';

let cluster: TestCluster;
const closers: (() => void)[] = [];
beforeAll(async () => {
  cluster = await startTestCluster(2);
});
afterAll(async () => {
  for (const close of closers) close();
  await cluster?.stopAll();
});

const wsOf = (index: number) => cluster.processes[index]!.url.replace(/^http/, 'ws');
function documentOn(index: number, workspaceId: string, cookie: string | undefined) {
  const opened = openDocument(wsOf(index), workspaceId, cookie);
  closers.push(() => opened.provider.destroy());
  return opened;
}
async function socketOn(index: number, cookie: string | undefined): Promise<Socket> {
  const socket = await connected(openSocket(cluster.processes[index]!.url, cookie));
  closers.push(() => socket.disconnect());
  return socket;
}
const closeCode = (provider: ReturnType<typeof openDocument>['provider']) =>
  new Promise<number | undefined>((resolve) =>
    provider.once('connection-close', (event) => resolve(event?.code)),
  );

describe('two processes behind the balancer', () => {
  it('report the Redis bus in /api/health, through the balancer and on each process', async () => {
    for (const url of [cluster.url, ...cluster.processes.map((p) => p.url)]) {
      const health = await (await fetch(`${url}/api/health`)).json();
      expect(health).toMatchObject({ ok: true, db: 'postgres', bus: 'redis', busConnected: true });
    }
  });

  it('editors on different processes see each other’s edits, cursors, chat, typing and presence live', async () => {
    const { workspaceId, supervisor, intern } = await makeWorkspace(cluster.url, { intern: true });
    const a = documentOn(0, workspaceId, supervisor.cookie);
    const b = documentOn(1, workspaceId, intern.cookie);
    await Promise.all([synced(a.provider), synced(b.provider)]);

    typeParagraph(a.doc, 'marker-from-process-1');
    await eventually(() => expect(markersIn(b.doc)).toContain('marker-from-process-1'));
    typeParagraph(b.doc, 'marker-from-process-2');
    await eventually(() => expect(markersIn(a.doc)).toContain('marker-from-process-2'));

    a.provider.awareness.setLocalStateField('cursor', { anchor: 3, head: 7 });
    await eventually(() => {
      const seen = b.provider.awareness.getStates().get(a.doc.clientID) as
        { cursor?: unknown; user?: { name?: string } } | undefined;
      expect(seen?.cursor).toEqual({ anchor: 3, head: 7 });
      expect(seen?.user?.name).toBe(supervisor.user.name);
    });

    const first = await socketOn(0, supervisor.cookie);
    const second = await socketOn(1, intern.cookie);
    const presence: { people: { userId: string }[] }[] = [];
    first.on('presence:update', (update) => presence.push(update));
    expect((await emitWithAck(first, 'workspace:join', { workspaceId })).ok).toBe(true);
    const joined = await emitWithAck(second, 'workspace:join', { workspaceId });
    expect(joined.presence.map((person: { userId: string }) => person.userId).sort()).toEqual(
      [supervisor.user.id, intern.user.id].sort(),
    );
    await eventually(() => expect(presence.at(-1)?.people).toHaveLength(2));

    const chat: string[] = [];
    second.on('chat:message', (message: { body: string }) => chat.push(message.body));
    const sent = await emitWithAck(first, 'chat:send', {
      workspaceId,
      body: 'Hello from 1',
      clientId: 'c-1',
    });
    expect(sent.ok).toBe(true);
    await eventually(() => expect(chat).toEqual(['Hello from 1']));

    const typing: { userId: string; typing: boolean }[] = [];
    first.on('chat:typing', (event) => typing.push(event));
    await emitWithAck(second, 'chat:typing', { workspaceId, typing: true });
    await eventually(() =>
      expect(typing).toContainEqual(expect.objectContaining({ userId: intern.user.id, typing: true })),
    );

    // A notification raised by a request on one process reaches the person's socket on the other.
    const mentor = await signUp(cluster.url, { role: 'mentor' });
    const mentorSocket = await socketOn(1, mentor.cookie);
    const notifications: unknown[] = [];
    mentorSocket.on('notification', (notification) => notifications.push(notification));
    const onFirst = new ApiClient(cluster.processes[0]!.url);
    onFirst.cookie = supervisor.cookie;
    await addMember(onFirst, workspaceId, mentor, 'mentor');
    await eventually(() => expect(notifications).toHaveLength(1));
  });

  it('ending a session on one process closes its connections on the others', async () => {
    const { workspaceId, intern } = await makeWorkspace(cluster.url, { intern: true });
    const onSecond = documentOn(1, workspaceId, intern.cookie);
    await synced(onSecond.provider);
    const socket = await socketOn(1, intern.cookie);
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const closed = closeCode(onSecond.provider);
    const onFirst = new ApiClient(cluster.processes[0]!.url);
    onFirst.cookie = intern.cookie;
    expect((await onFirst.post('/api/auth/logout')).status).toBe(200);
    expect(await closed).toBe(YJS_CLOSE.sessionEnded);
    expect(await disconnected).toBe('io server disconnect');
  });
});

describe('three processes behind the balancer', () => {
  it('a late joiner on a third process gets the full document; removal and completion reach every process', async () => {
    await cluster.addProcess();
    expect(cluster.processes).toHaveLength(3);
    const { workspaceId, supervisor, student } = await makeProjectWorkspace(cluster.url);
    const onFirst = documentOn(0, workspaceId, student.cookie);
    const onSecond = documentOn(1, workspaceId, supervisor.cookie);
    await Promise.all([synced(onFirst.provider), synced(onSecond.provider)]);
    typeParagraph(onFirst.doc, 'marker-typed-on-1');
    typeParagraph(onSecond.doc, 'marker-typed-on-2');
    await eventually(() => {
      expect(markersIn(onFirst.doc)).toEqual(markersIn(onSecond.doc));
      expect(markersIn(onFirst.doc).size).toBe(2);
    });
    const late = documentOn(2, workspaceId, supervisor.cookie);
    await synced(late.provider);
    expect(getBrief(late.doc).toString()).toBe(getBrief(onFirst.doc).toString());

    // A mentor connected to every process is removed through the balancer.
    const mentor = await signUp(cluster.url, { role: 'mentor' });
    await addMember(supervisor, workspaceId, mentor, 'mentor');
    const mentorDocs = [0, 1, 2].map((index) => documentOn(index, workspaceId, mentor.cookie));
    await Promise.all(mentorDocs.map((opened) => synced(opened.provider)));
    const mentorSockets = await Promise.all([0, 1].map((index) => socketOn(index, mentor.cookie)));
    for (const socket of mentorSockets) {
      expect((await emitWithAck(socket, 'workspace:join', { workspaceId })).ok).toBe(true);
    }
    const closes = mentorDocs.map((opened) => closeCode(opened.provider));
    const removals = mentorSockets.map(
      (socket) => new Promise((resolve) => socket.once('workspace:removed', resolve)),
    );
    expect((await supervisor.delete(`/api/workspaces/${workspaceId}/members/${mentor.user.id}`)).status).toBe(
      200,
    );
    expect(await Promise.all(closes)).toEqual([
      YJS_CLOSE.membershipRevoked,
      YJS_CLOSE.membershipRevoked,
      YJS_CLOSE.membershipRevoked,
    ]);
    expect(await Promise.all(removals)).toEqual([{ workspaceId }, { workspaceId }]);

    // Connections opened before completion, on the two processes that did not complete it.
    const raws = await Promise.all(
      [1, 2].map((index) => RawDocumentClient.open(wsOf(index), workspaceId, student.cookie!)),
    );
    closers.push(...raws.map((raw) => () => raw.close()));
    const onProcess1 = new ApiClient(cluster.processes[0]!.url);
    onProcess1.cookie = supervisor.cookie;
    await dropOpenMilestones(onProcess1, workspaceId);
    const completed = await onProcess1.post(`/api/workspaces/${workspaceId}/complete`, {
      endorsement: ENDORSEMENT,
      skills: [{ skill: 'Instagram', level: 2 }],
    });
    expect(completed.status).toBe(200);
    for (const raw of raws) {
      // Resending what the server already has changes nothing; once frozen, it is refused.
      await eventually(async () => {
        raw.resendKnown();
        await raw.refused(300).catch(async () => {
          await raw.sync();
          throw new Error('not frozen yet');
        });
      }, 20_000);
      raw.edit((doc) => typeParagraph(doc, 'marker-after-completion'));
      await raw.sync();
    }
    const { doc: stored } = await loadDocument(cluster.database.db, workspaceId);
    expect(markersIn(stored)).not.toContain('marker-after-completion');
    expect(markersIn(onFirst.doc)).not.toContain('marker-after-completion');
    expect(markersIn(late.doc)).not.toContain('marker-after-completion');
  });
});
