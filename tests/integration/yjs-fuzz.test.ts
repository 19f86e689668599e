import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTask, moveTask, readBoard } from '../../shared/board.ts';
import { getBoard, getBrief, getColumns } from '../../shared/doc-layout.ts';
import { loadDocument } from '../../server/services/live/doc-store.ts';
import { eventually, openDocument, synced } from '../helpers/live.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { makeWorkspace } from '../helpers/workspace.ts';
import {
  awarenessFrame,
  openRaw,
  syncStep1Frame,
  updateFrame,
  updateOf,
  type RawConnection,
} from '../helpers/yjs-frames.ts';

/**
 * 10,000 seeded frames from an editor and a viewer against the real server: valid edits, updates
 * that break the layout or build on changes never sent, byte-flipped and truncated frames, forged
 * and honest awareness, sync requests. The document must end up exactly as the valid edits made
 * it, the server must keep answering, and its memory must stay bounded.
 */

const FRAMES = 10_000;
const SEED = 0x5717;
/** Frames per connection before the fuzzer opens a fresh one (below the per-connection budget). */
const PER_CONNECTION = 700;

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.stop());

/** Updates the server must refuse, built once against the document as it opened. */
function hostileUpdates(base: Y.Doc): Uint8Array[] {
  let client = 1;
  const shape = (edit: (doc: Y.Doc) => void) => updateOf(base, edit, client++);
  const updates = [
    shape((doc) => doc.getMap('extra').set('x', 1)),
    shape((doc) => doc.getText('notes').insert(0, 'hidden')),
    shape((doc) => getBoard(doc).set('columns', 'gone')),
    shape((doc) => getBoard(doc).set('tasks', 42)),
    shape((doc) => getBoard(doc).set('sub', new Y.Doc())),
    shape((doc) => getBoard(doc).delete('columns')),
    shape((doc) => getBoard(doc).delete('tasks')),
    shape((doc) => getColumns(doc)!.push(['text' as unknown as Y.Map<string>])),
    shape((doc) => getColumns(doc)!.get(0).set('colour', 'red')),
    shape((doc) => getBrief(doc).push([new Y.XmlElement('iframe')])),
    shape((doc) => getBrief(doc).push([new Y.XmlText('loose text') as unknown as Y.XmlElement])),
    shape((doc) =>
      (getBrief(doc).get(0) as Y.XmlElement).setAttribute('x', new Y.Doc() as unknown as string),
    ),
    shape((doc) => {
      const task = new Y.Map<unknown>();
      (getBoard(doc).get('tasks') as Y.Map<unknown>).set('t', task);
      task.set('done', 'yes');
    }),
    shape((doc) => {
      const task = new Y.Map<unknown>();
      (getBoard(doc).get('tasks') as Y.Map<unknown>).set('t', task);
      task.set('title', new Uint8Array([1, 2, 3]));
    }),
  ];
  for (let i = 0; i < 6; i++) {
    const scratch = new Y.Doc();
    scratch.clientID = client++;
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(base));
    getBrief(scratch).push([new Y.XmlElement('paragraph')]);
    const withheld = Y.encodeStateVector(scratch);
    (getBrief(scratch).get(getBrief(scratch).length - 1) as Y.XmlElement).push([
      new Y.XmlText('z'.repeat(2000)),
    ]);
    updates.push(Y.encodeStateAsUpdate(scratch, withheld));
    scratch.destroy();
  }
  return updates;
}

function mutate(frame: Uint8Array, random: () => number): Uint8Array {
  const copy = new Uint8Array(frame);
  if (random() < 0.3) return copy.slice(0, Math.floor(random() * copy.length));
  for (let flips = 1 + Math.floor(random() * 3); flips > 0; flips--) {
    copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
  }
  return copy;
}

describe('fuzzing the Yjs endpoint', () => {
  it(`${FRAMES} seeded frames leave the document as the valid edits made it, the server up and its memory bounded`, async () => {
    const random = mulberry32(SEED);
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
    const { workspaceId, supervisor, viewer } = await makeWorkspace(app.url, { viewer: true });
    const watcher = openDocument(app.wsUrl, workspaceId, viewer.cookie);
    await synced(watcher.provider);
    const mirror = new Y.Doc();
    Y.applyUpdate(mirror, Y.encodeStateAsUpdate(watcher.doc));
    const hostile = hostileUpdates(mirror).map(updateFrame);
    // Edits that would be valid from an editor; a viewer's are refused.
    const viewerEdits = Array.from({ length: 20 }, (_, i) =>
      updateFrame(updateOf(mirror, (doc) => addTask(doc, { title: `viewer card ${i}`, column: 'todo' }))),
    );
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();

    const valid: Uint8Array[] = [];
    mirror.on('update', (update: Uint8Array) => valid.push(updateFrame(update)));
    const validEdit = () => {
      const roll = random();
      if (roll < 0.4) {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(`line ${Math.floor(random() * 1e6)}`)]);
        getBrief(mirror).push([paragraph]);
      } else if (roll < 0.7) addTask(mirror, { title: `card ${Math.floor(random() * 1e6)}`, column: 'todo' });
      else {
        const cards = readBoard(mirror).columns.flatMap((column) => column.tasks);
        if (cards.length === 0) return addTask(mirror, { title: 'first card', column: 'doing' });
        moveTask(mirror, pick(cards).id, pick(['todo', 'doing', 'done']), Math.floor(random() * 3));
      }
    };

    let sent = 0;
    let reconnects = 0;
    // The editor that makes the valid edits never sends a frame that closes it, so they stay in order.
    const steady = await openRaw(app.wsUrl, workspaceId, supervisor.cookie!);
    let steadyClock = 0;
    const steadyFrame = (): Uint8Array => {
      const roll = random();
      if (roll < 0.45) {
        validEdit();
        return valid.shift()!;
      }
      if (roll < 0.9) return pick(hostile);
      return awarenessFrame([
        { clientId: 7_000_001, clock: ++steadyClock, state: { cursor: { anchor: sent } } },
      ]);
    };

    /** A fuzzing connection of one role; it may be closed by what it sends, then a new one opens. */
    async function fuzzer(cookie: string, frames: number, editor: boolean) {
      let connection: RawConnection | null = null;
      let onThis = 0;
      let clock = 0;
      const ownId = 8_000_000 + Math.floor(random() * 1e6);
      for (let i = 0; i < frames; i++) {
        if (
          !connection ||
          connection.socket.readyState !== connection.socket.OPEN ||
          onThis >= PER_CONNECTION
        ) {
          connection?.socket.terminate();
          connection = await openRaw(app.wsUrl, workspaceId, cookie);
          reconnects += 1;
          onThis = 0;
          clock = 0;
        }
        const roll = random();
        let frame: Uint8Array;
        if (roll < 0.35) frame = pick(hostile);
        else if (roll < 0.5) frame = pick(viewerEdits);
        else if (roll < 0.6)
          frame = awarenessFrame([{ clientId: ownId, clock: ++clock, state: { cursor: { anchor: i } } }]);
        else if (roll < 0.7)
          frame = new Uint8Array([3]); // query awareness
        else if (roll < 0.72 && onThis < 10) frame = syncStep1Frame(Y.encodeStateVector(mirror));
        // Only the viewer sends byte-flipped updates: one might decode as a valid edit by chance.
        else if (roll < 0.76 && !editor) frame = mutate(pick(hostile), random);
        else if (roll < (editor ? 0.725 : 0.77))
          frame = awarenessFrame([{ clientId: 7_000_001, clock: 1e6, state: { user: { name: 'forged' } } }]);
        else frame = awarenessFrame([{ clientId: ownId, clock, state: { cursor: { anchor: i } } }]); // an echo
        if (editor && roll >= 0.35 && roll < 0.5) frame = pick(hostile); // editors' edits here are never valid
        connection.socket.send(frame);
        onThis += 1;
        sent += 1;
        if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
      }
      connection?.socket.terminate();
    }

    const steadyFrames = 900;
    const sending = (async () => {
      for (let i = 0; i < steadyFrames; i++) {
        steady.socket.send(steadyFrame());
        sent += 1;
        if (i % 25 === 24) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const rest = FRAMES - steadyFrames;
    await Promise.all([
      sending,
      fuzzer(viewer.cookie!, Math.floor(rest * 0.3), false),
      fuzzer(viewer.cookie!, Math.floor(rest * 0.3), false),
      fuzzer(supervisor.cookie!, Math.floor(rest * 0.2), true),
      fuzzer(
        supervisor.cookie!,
        rest - 3 * Math.floor(rest * 0.3) + Math.floor(rest * 0.3) - Math.floor(rest * 0.2),
        true,
      ),
    ]);
    expect(sent).toBeGreaterThanOrEqual(FRAMES);
    console.log(
      `fuzz: sent ${sent} frames on ${reconnects} connections in ${Math.round(performance.now() - started)} ms`,
    );
    // Everything the steady editor sent has been read once its sync request is answered.
    const marker = steady.nextSyncReply();
    steady.socket.send(syncStep1Frame());
    await marker;
    expect(steady.socket.readyState).toBe(steady.socket.OPEN);

    const health = await fetch(`${app.url}/api/health`);
    expect(health.status).toBe(200);
    await eventually(
      () => expect(Y.encodeStateVector(watcher.doc)).toEqual(Y.encodeStateVector(mirror)),
      10_000,
    );
    expect(getBrief(watcher.doc).toString()).toBe(getBrief(mirror).toString());
    expect(readBoard(watcher.doc)).toEqual(readBoard(mirror));
    expect([...watcher.doc.share.keys()].sort()).toEqual(['board', 'brief']);
    const { doc: stored } = await loadDocument(app.database.db, workspaceId);
    expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(mirror));
    expect(getBrief(stored).toString()).toBe(getBrief(mirror).toString());
    expect(stored.store.pendingStructs).toBeNull();
    expect(stored.store.pendingDs).toBeNull();
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(256 * 1024 * 1024);
    steady.socket.terminate();
    watcher.provider.destroy();
  }, 60_000);
});
