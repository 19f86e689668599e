import { afterEach, describe, expect, it } from 'vitest';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { startStintProcess } from '../../scripts/cluster/launch.ts';
import type { ChatMessage } from '../../shared/schemas/chat.ts';
import type { PresentPerson } from '../../shared/live.ts';
import { connected, emitWithAck, eventually, openSocket } from '../helpers/live.ts';
import { makeWorkspace } from '../helpers/workspace.ts';
import { startOwnRedis, startTestCluster, type TestCluster } from './helpers.ts';

/**
 * Socket.IO connection-state recovery across processes: the Redis Streams adapter keeps a
 * disconnected client's session and the room broadcasts it missed for every process, so a chat
 * client back within the window — wherever the balancer sends it — gets exactly what it missed
 * without asking for the history again. When recovery is impossible it reloads the history and
 * loses nothing.
 */

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A chat client through the balancer that reconnects only when told (so a test controls when). */
async function roamingClient(url: string, cookie: string | undefined) {
  const socket = connectSocket(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { ...(cookie ? { cookie } : {}), origin: url },
  });
  cleanups.push(() => socket.disconnect());
  await connected(socket);
  const received: ChatMessage[] = [];
  socket.on('chat:message', (message: ChatMessage) => received.push(message));
  return { socket, received };
}

async function directClient(url: string, cookie: string | undefined): Promise<Socket> {
  const socket = await connected(openSocket(url, cookie));
  cleanups.push(() => socket.disconnect());
  return socket;
}

/**
 * Resolves once the cluster no longer lists `userId` in the workspace: presence asked afresh (a
 * join answers it, computed across processes), not a presence update that may have been on its
 * way from before. Once a disconnected socket has left its rooms, its session is in Redis.
 */
async function goneFrom(watcher: Socket, workspaceId: string, userId: string) {
  await eventually(async () => {
    const { presence } = await emitWithAck(watcher, 'workspace:join', { workspaceId });
    expect((presence as PresentPerson[]).map((person) => person.userId)).not.toContain(userId);
  }, 10_000);
}

async function reconnect(socket: Socket): Promise<void> {
  const back = connected(socket);
  socket.connect();
  await back;
}

async function send(socket: Socket, workspaceId: string, body: string): Promise<ChatMessage> {
  const ack = await emitWithAck(socket, 'chat:send', { workspaceId, body, clientId: body });
  expect(ack.ok).toBe(true);
  return ack.message;
}

const bodies = (messages: ChatMessage[]) => messages.map((message) => message.body);

describe('chat across a dropped connection in a cluster', () => {
  it('a client whose process stops comes back through the balancer on another process, recovered, and gets each missed message once without reloading', async () => {
    const cluster = await startTestCluster(2);
    cleanups.push(() => cluster.stopAll());
    const { workspaceId, supervisor, intern } = await makeWorkspace(cluster.url, { intern: true });

    // With the second process down, the balancer can only put the roaming client on the first.
    const [first, second] = cluster.processes as [TestCluster['processes'][0], TestCluster['processes'][0]];
    await second.stop('SIGKILL');
    const roamer = await roamingClient(cluster.url, intern.cookie);
    const watcher = await directClient(first.url, supervisor.cookie);
    expect((await emitWithAck(roamer.socket, 'workspace:join', { workspaceId })).ok).toBe(true);
    expect((await emitWithAck(watcher, 'workspace:join', { workspaceId })).ok).toBe(true);
    const before = await send(watcher, workspaceId, 'before the restart');
    await eventually(() => expect(bodies(roamer.received)).toEqual([before.body]));

    // The second process is back on its port (the balancer's checks see it up again); then the
    // first stops, as in a rolling restart: the roaming client can only come back on the second.
    const restarted = await startStintProcess(second.name, cluster.env, second.port);
    cluster.processes[1] = restarted;
    const sender = await directClient(restarted.url, supervisor.cookie);
    expect((await emitWithAck(sender, 'workspace:join', { workspaceId })).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    // Its shutdown closes the client's connection the way a blip does: the session stays in Redis.
    await first.stop('SIGTERM');
    await eventually(() => expect(roamer.socket.connected).toBe(false));
    // One process stopping closes its own clients only, not the other processes' ones.
    expect(sender.connected).toBe(true);
    const missed: ChatMessage[] = [];
    for (let n = 1; n <= 5; n++) missed.push(await send(sender, workspaceId, `while away ${n}`));

    await reconnect(roamer.socket);
    expect(roamer.socket.recovered).toBe(true);
    await eventually(() =>
      expect(bodies(roamer.received)).toEqual([before.body, ...missed.map((message) => message.body)]),
    );
    // Still in the room on the new process, without joining again.
    const after = await send(sender, workspaceId, 'after the restart');
    await eventually(() => expect(bodies(roamer.received).at(-1)).toBe(after.body));
    expect(new Set(roamer.received.map((message) => message.id)).size).toBe(roamer.received.length);
    expect(roamer.received).toHaveLength(7);
  });

  it('a network blip: the client is recovered through the balancer, wherever it lands, with messages from every process exactly once', async () => {
    const cluster = await startTestCluster(2);
    cleanups.push(() => cluster.stopAll());
    const { workspaceId, supervisor, intern } = await makeWorkspace(cluster.url, { intern: true });
    const senders = await Promise.all(cluster.processes.map((p) => directClient(p.url, supervisor.cookie)));
    const roamer = await roamingClient(cluster.url, intern.cookie);
    for (const socket of [...senders, roamer.socket])
      expect((await emitWithAck(socket, 'workspace:join', { workspaceId })).ok).toBe(true);

    // Socket.IO recovers from the offset of the last broadcast the client received: it needs one.
    const expected = [(await send(senders[0]!, workspaceId, 'before the blips')).body];
    await eventually(() => expect(bodies(roamer.received)).toEqual(expected));
    // Round robin sends each reconnection to the next process, so the blips cross processes.
    for (let blip = 1; blip <= 3; blip++) {
      roamer.socket.io.engine.close();
      await goneFrom(senders[0]!, workspaceId, intern.user.id);
      for (const [index, sender] of senders.entries()) {
        const message = await send(sender, workspaceId, `blip ${blip} from process ${index + 1}`);
        expected.push(message.body);
      }
      await reconnect(roamer.socket);
      expect(roamer.socket.recovered, `recovered after blip ${blip}`).toBe(true);
      await eventually(() => expect(bodies(roamer.received)).toEqual(expected));
    }
    const live = await send(senders[1]!, workspaceId, 'live again');
    await eventually(() => expect(bodies(roamer.received)).toEqual([...expected, live.body]));
  });

  it('when recovery is impossible (Redis restarted and lost the session) the client reloads the history and nothing is lost', async () => {
    const redis = await startOwnRedis();
    cleanups.push(() => redis.stop());
    const cluster = await startTestCluster(2, redis.url);
    cleanups.push(() => cluster.stopAll());
    const { workspaceId, supervisor, intern } = await makeWorkspace(cluster.url, { intern: true });
    const sender = await directClient(cluster.processes[0]!.url, supervisor.cookie);
    const roamer = await roamingClient(cluster.url, intern.cookie);
    for (const socket of [sender, roamer.socket])
      expect((await emitWithAck(socket, 'workspace:join', { workspaceId })).ok).toBe(true);
    const before = await send(sender, workspaceId, 'before the outage');
    await eventually(() => expect(bodies(roamer.received)).toEqual([before.body]));

    roamer.socket.io.engine.close();
    await goneFrom(sender, workspaceId, intern.user.id);
    // Redis restarts empty: the session kept for the roaming client is gone with it.
    await redis.stop('SIGKILL');
    await redis.start();
    await eventually(async () => {
      for (const process of cluster.processes) {
        const health = await (await fetch(`${process.url}/api/health`)).json();
        expect(health).toMatchObject({ busConnected: true });
      }
    }, 20_000);
    const missed: ChatMessage[] = [];
    for (let n = 1; n <= 3; n++) missed.push(await send(sender, workspaceId, `while away ${n}`));

    await reconnect(roamer.socket);
    expect(roamer.socket.recovered).toBe(false);
    // Not in the room any more: what the web client does on every connect, it joins and merges.
    const joined = await emitWithAck(roamer.socket, 'workspace:join', { workspaceId });
    expect(joined.ok).toBe(true);
    const merged = new Map<string, ChatMessage>();
    for (const message of [...roamer.received, ...(joined.history as ChatMessage[])])
      merged.set(message.id, message);
    expect(bodies([...merged.values()].sort((a, b) => a.seq - b.seq))).toEqual([
      before.body,
      ...missed.map((message) => message.body),
    ]);
    // The live relay works again after the reload.
    const after = await send(sender, workspaceId, 'after the reload');
    await eventually(() => expect(bodies(roamer.received).at(-1)).toBe(after.body));
  });
});
