import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getBrief } from '../../shared/doc-layout.ts';
import { YJS_CLOSE } from '../../shared/live.ts';
import { eventually, openDocument, synced } from '../helpers/live.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { makeWorkspace } from '../helpers/workspace.ts';
import { openRaw, updateFrame, type RawConnection } from '../helpers/yjs-frames.ts';

/**
 * The held-frames close path (realtime/yjs/connection.ts): a connection over its frame budget is
 * paused and its waiting frames taken at the steady rate; one that piles up too many is closed 4429.
 * Pausing makes TCP push back, so with the default limits (20,000 frames, 16 MiB) a flood stays held
 * back and never fills the queue (the second test); the first lowers the frame limit to reach the
 * close path at all (YJS_HELD_FRAMES_MAX).
 */
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(env: Record<string, string> = {}): Promise<TestServer> {
  const app = await startTestServer({ env });
  cleanups.push(() => app.stop());
  return app;
}

/**
 * `count` copies of the smallest frame the server must decode and take a token for (an empty
 * document update), as one buffer of masked WebSocket frames (mask 0, so the payload reads as is):
 * written straight to the TCP socket, the flood costs this process (which also runs the server and
 * the health checks) next to nothing, as if it came from another machine.
 */
function floodBytes(count: number): Buffer {
  const payload = updateFrame(Y.encodeStateAsUpdate(new Y.Doc()));
  const frame = Buffer.from([0x82, 0x80 | payload.byteLength, 0, 0, 0, 0, ...payload]);
  const bytes = Buffer.alloc(frame.byteLength * count);
  for (let at = 0; at < bytes.byteLength; at += frame.byteLength) frame.copy(bytes, at);
  return bytes;
}
/** Made once, before anything is timed. */
const FLOOD = floodBytes(200_000);
const FRAME_BYTES = FLOOD.byteLength / 200_000;

/**
 * Sends `count` frames at once. `reading: false` never reads the socket again (the server's close
 * frame then waits unread until ws's 30 s close timeout ends the connection).
 */
function flood(attacker: RawConnection, count: number, reading: boolean): void {
  if (!reading) attacker.socket.pause();
  (attacker.socket as unknown as { _socket: Socket })._socket.write(FLOOD.subarray(0, count * FRAME_BYTES));
}

/** Times /api/health over and over until `until` settles; the slowest answer in ms. */
async function slowestHealthCheck(app: TestServer, until: Promise<unknown>): Promise<number> {
  let done = false;
  void until.finally(() => (done = true));
  let slowest = 0;
  while (!done) {
    const started = performance.now();
    const response = await fetch(`${app.url}/api/health`);
    expect(response.status).toBe(200);
    slowest = Math.max(slowest, performance.now() - started);
  }
  return slowest;
}

/** Two honest y-websocket clients on the attacked document; resolves once an edit crossed between them. */
async function honestPair(app: TestServer, team: Awaited<ReturnType<typeof makeWorkspace>>) {
  const writer = openDocument(app.wsUrl, team.workspaceId, team.intern.cookie);
  const reader = openDocument(app.wsUrl, team.workspaceId, team.supervisor.cookie);
  cleanups.push(
    () => writer.provider.destroy(),
    () => reader.provider.destroy(),
  );
  await Promise.all([synced(writer.provider), synced(reader.provider)]);
  return async (words: string) => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(words)]);
    getBrief(writer.doc).push([paragraph]);
    await eventually(() => expect(getBrief(reader.doc).toString()).toContain(words), 10_000);
  };
}

describe('a paused Yjs connection that keeps flooding (frame budget)', () => {
  it('is closed (4429) once it holds more than the limit; health and other connections stay fast', async () => {
    const app = await server({ YJS_HELD_FRAMES_MAX: '1000' });
    const team = await makeWorkspace(app.url, { intern: true });
    const edit = await honestPair(app, team);
    const attacker = await openRaw(app.wsUrl, team.workspaceId, team.supervisor.cookie!);
    cleanups.push(() => attacker.socket.terminate());
    await attacker.greeted;

    flood(attacker, 200_000, true);
    const [code, slowest] = await Promise.all([
      attacker.closed,
      slowestHealthCheck(app, attacker.closed),
      edit('Written while the flood ran.'),
    ]);
    expect(code).toBe(YJS_CLOSE.tooManyMessages);
    expect(slowest).toBeLessThan(200);
    await edit('Written after the flooder was closed.');
  }, 60_000);

  it('with the default limits the flood is held back by TCP, not closed, and the server stays fast', async () => {
    const app = await server();
    const team = await makeWorkspace(app.url, { intern: true });
    const edit = await honestPair(app, team);
    const attacker = await openRaw(app.wsUrl, team.workspaceId, team.supervisor.cookie!);
    cleanups.push(() => attacker.socket.terminate());
    await attacker.greeted;

    flood(attacker, 100_000, false);
    const window = new Promise((resolve) => setTimeout(resolve, 3_000));
    const [slowest] = await Promise.all([slowestHealthCheck(app, window), edit('Written during the flood.')]);
    expect(slowest).toBeLessThan(200);
    expect(attacker.socket.readyState).toBe(attacker.socket.OPEN);
  }, 60_000);
});
