import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { getBoard, getBrief, getColumns } from '../../shared/doc-layout.ts';
import { YJS_CLOSE } from '../../shared/live.ts';
import { MAX_AWARENESS_CLOCK, YJS_SYNC_REQUEST_BURST } from '../../shared/limits.ts';
import { countLogRows, loadDocument } from '../../server/services/live/doc-store.ts';
import { readBoard } from '../../shared/board.ts';
import { eventually, openDocument, synced } from '../helpers/live.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { makeWorkspace } from '../helpers/workspace.ts';
import {
  awarenessFrame,
  encodeAwarenessFrame,
  openRaw,
  syncStep1Frame,
  updateFrame,
  updateOf,
} from '../helpers/yjs-frames.ts';

let app: TestServer;
const cleanups: (() => void)[] = [];
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  for (const cleanup of cleanups) cleanup();
  await app.stop();
});

function open(workspaceId: string, cookie: string | undefined) {
  const opened = openDocument(app.wsUrl, workspaceId, cookie);
  cleanups.push(() => opened.provider.destroy());
  return opened;
}

async function raw(workspaceId: string, cookie: string | undefined) {
  const connection = await openRaw(app.wsUrl, workspaceId, cookie!);
  cleanups.push(() => connection.socket.terminate());
  return connection;
}

async function storedState(workspaceId: string): Promise<Uint8Array> {
  const { doc } = await loadDocument(app.database.db, workspaceId);
  return Y.encodeStateAsUpdate(doc);
}

/** Times /api/health over and over until `until` settles; resolves with the slowest answer in ms. */
async function slowestHealthCheck(until: Promise<unknown>): Promise<number> {
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

/** Writes a brief of about `bytes` (many small paragraphs, like a long-lived brief) through an editor. */
async function growBrief(workspaceId: string, cookie: string | undefined, bytes: number) {
  const editor = open(workspaceId, cookie);
  await synced(editor.provider);
  const line = 'Weekly check-in notes: what went well, what to change, who does what next. ';
  while (Y.encodeStateAsUpdate(editor.doc).length < bytes) {
    editor.doc.transact(() => {
      for (let i = 0; i < 500; i++) {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(line)]);
        getBrief(editor.doc).push([paragraph]);
      }
    });
  }
  await eventually(
    async () => expect((await storedState(workspaceId)).length).toBeGreaterThan(bytes),
    20_000,
  );
  // The editor stays, so the document stays loaded: what is measured is the flood, not a load.
  return editor;
}

describe('sync step 1 flood (finding 2)', () => {
  it('200 sync requests from a viewer on a 550 KB brief neither stall the server nor flood the attacker', async () => {
    const { workspaceId, supervisor, viewer } = await makeWorkspace(app.url, { viewer: true });
    await growBrief(workspaceId, supervisor.cookie, 550_000);
    const documentBytes = (await storedState(workspaceId)).length;

    const attacker = await raw(workspaceId, viewer.cookie);
    await attacker.greeted;
    const frame = syncStep1Frame();
    for (let i = 0; i < 200; i++) attacker.socket.send(frame);
    const slowest = await slowestHealthCheck(attacker.closed);

    expect(await attacker.closed).toBe(YJS_CLOSE.tooManyMessages);
    expect(slowest).toBeLessThan(200);
    // At most one reply per sync request it was allowed, and requests that queued are answered once.
    expect(attacker.received.syncReplies).toBeLessThanOrEqual(YJS_SYNC_REQUEST_BURST);
    expect(attacker.received.bytes).toBeLessThan(5 * documentBytes);

    // An honest newcomer still gets the whole brief.
    const newcomer = open(workspaceId, supervisor.cookie);
    await synced(newcomer.provider);
    expect(Y.encodeStateAsUpdate(newcomer.doc).length).toBeGreaterThanOrEqual(documentBytes * 0.9);
  }, 60_000);

  it('a burst of sync requests within the budget is answered, coalesced, and the connection stays', async () => {
    const { workspaceId, viewer } = await makeWorkspace(app.url, { viewer: true });
    const reader = await raw(workspaceId, viewer.cookie);
    const marker = reader.nextSyncReply();
    for (let i = 0; i < 10; i++) reader.socket.send(syncStep1Frame());
    await marker;
    const again = reader.nextSyncReply();
    reader.socket.send(syncStep1Frame());
    await again;
    expect(reader.received.syncReplies).toBeGreaterThanOrEqual(2);
    expect(reader.received.syncReplies).toBeLessThan(11);
    expect(reader.socket.readyState).toBe(reader.socket.OPEN);
  });
});

describe('awareness identity (finding 5)', () => {
  async function threePeople() {
    const { workspaceId, supervisor, mentor, viewer } = await makeWorkspace(app.url, {
      mentor: true,
      viewer: true,
    });
    const victim = open(workspaceId, supervisor.cookie);
    const watcher = open(workspaceId, viewer.cookie);
    await Promise.all([synced(victim.provider), synced(watcher.provider)]);
    victim.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
    const victimId = victim.provider.awareness.clientID;
    await eventually(() =>
      expect(watcher.provider.awareness.getStates().get(victimId)?.cursor).toEqual({ anchor: 1, head: 1 }),
    );
    return { workspaceId, victim, victimId, watcher, mentor, viewer };
  }

  /** The victim moves their cursor; the watcher must see it (they were not silenced). */
  async function victimStillHeard(people: Awaited<ReturnType<typeof threePeople>>, anchor: number) {
    people.victim.provider.awareness.setLocalStateField('cursor', { anchor, head: anchor });
    await eventually(() =>
      expect(people.watcher.provider.awareness.getStates().get(people.victimId)?.cursor).toEqual({
        anchor,
        head: anchor,
      }),
    );
    const state = people.watcher.provider.awareness.getStates().get(people.victimId);
    expect(state?.user?.name).not.toBe('Not the supervisor');
  }

  it("a mentor's y-websocket client sending the supervisor's client id with clock 2^53−1 is closed (4409) and changes nothing", async () => {
    const people = await threePeople();
    const attacker = open(people.workspaceId, people.mentor.cookie);
    await synced(attacker.provider);
    attacker.provider.awareness.setLocalStateField('user', { name: 'Mentor', color: '#0a7' });
    await eventually(() =>
      expect(people.watcher.provider.awareness.getStates().has(attacker.provider.awareness.clientID)).toBe(
        true,
      ),
    );
    attacker.provider.shouldConnect = false;
    const closed = new Promise<number>((resolve) =>
      attacker.provider.ws!.addEventListener('close', (event) => resolve(event.code)),
    );
    // y-protocols' own encoder, with the victim's id and the highest safe clock.
    const forger = new Awareness(new Y.Doc());
    forger.clientID = people.victimId;
    forger.setLocalState({
      user: { name: 'Not the supervisor', color: '#f00' },
      cursor: { anchor: 99, head: 99 },
    });
    forger.meta.set(people.victimId, { clock: Number.MAX_SAFE_INTEGER, lastUpdated: Date.now() });
    attacker.provider.ws!.send(encodeAwarenessFrame(forger, [people.victimId]));
    expect(await closed).toBe(YJS_CLOSE.awarenessNotYours);
    forger.destroy();
    await victimStillHeard(people, 5);
  });

  it("a viewer whose first awareness is someone else's id (replacing or removing it) is closed", async () => {
    const people = await threePeople();
    for (const state of [{ user: { name: 'Not the supervisor', color: '#f00' } }, null]) {
      const attacker = await raw(people.workspaceId, people.viewer.cookie);
      const clock = people.watcher.provider.awareness.meta.get(people.victimId)!.clock + 1;
      attacker.socket.send(awarenessFrame([{ clientId: people.victimId, clock, state }]));
      expect(await attacker.closed).toBe(YJS_CLOSE.awarenessNotYours);
    }
    await victimStillHeard(people, 6);
  });

  it('a clock beyond the bound is refused even for a fresh id of its own', async () => {
    const people = await threePeople();
    const attacker = await raw(people.workspaceId, people.viewer.cookie);
    attacker.socket.send(
      awarenessFrame([{ clientId: 424242, clock: MAX_AWARENESS_CLOCK + 1, state: { user: { name: 'x' } } }]),
    );
    expect(await attacker.closed).toBe(YJS_CLOSE.awarenessNotYours);
    const marker = await raw(people.workspaceId, people.viewer.cookie);
    const reply = marker.nextSyncReply();
    marker.socket.send(syncStep1Frame());
    await reply;
    expect(people.watcher.provider.awareness.getStates().has(424242)).toBe(false);
  });

  it("echoes of others' states (what y-websocket clients send back) are harmless and keep the connection", async () => {
    const people = await threePeople();
    const echoer = open(people.workspaceId, people.mentor.cookie);
    await synced(echoer.provider);
    echoer.provider.awareness.setLocalStateField('user', { name: 'Mentor', color: '#0a7' });
    await eventually(() =>
      expect(echoer.provider.awareness.getStates().get(people.victimId)?.cursor).toEqual({
        anchor: 1,
        head: 1,
      }),
    );
    // The mentor's client re-sends every state it knows, the victim's included, at its current clock.
    echoer.provider.ws!.send(
      encodeAwarenessFrame(echoer.provider.awareness, [...echoer.provider.awareness.getStates().keys()]),
    );
    await victimStillHeard(people, 7);
    expect(echoer.provider.wsconnected).toBe(true);
  });
});

describe('document layout (finding 12)', () => {
  async function editorAndDocument() {
    const { workspaceId, supervisor, intern } = await makeWorkspace(app.url, { intern: true });
    const watcher = open(workspaceId, intern.cookie);
    await synced(watcher.provider);
    const attacker = await raw(workspaceId, supervisor.cookie);
    return { workspaceId, watcher, attacker };
  }

  it.each<[string, (doc: Y.Doc) => void]>([
    [
      '85 top-level keys',
      (doc) => {
        for (let i = 0; i < 85; i++) doc.getMap(`key${i}`).set('x', i);
      },
    ],
    [
      'a sub-document in the board',
      (doc) => getBoard(doc).set('tasks', new Y.Doc() as unknown as Y.Map<unknown>),
    ],
    [
      'a sub-document inside a task',
      (doc) => {
        const task = new Y.Map<unknown>();
        (getBoard(doc).get('tasks') as Y.Map<unknown>).set('t1', task);
        task.set('title', new Y.Doc());
      },
    ],
    ['board.columns replaced by a string', (doc) => getBoard(doc).set('columns', 'no columns here')],
    ['an unknown board key', (doc) => getBoard(doc).set('owner', 'me')],
    [
      'a task whose order is a string',
      (doc) => {
        const task = new Y.Map<unknown>();
        task.set('order', 'first');
        (getBoard(doc).get('tasks') as Y.Map<unknown>).set('t2', task);
      },
    ],
    ['a column that is a string', (doc) => getColumns(doc)!.push(['just text' as unknown as Y.Map<string>])],
    ['an unknown node name in the brief', (doc) => getBrief(doc).push([new Y.XmlElement('script')])],
    ['deleting the board columns', (doc) => getBoard(doc).delete('columns')],
  ])('%s is refused: the client is told, nothing is stored or relayed', async (_label, edit) => {
    const { workspaceId, watcher, attacker } = await editorAndDocument();
    const before = await storedState(workspaceId);
    const rowsBefore = await countLogRows(app.database.db, workspaceId);
    attacker.socket.send(updateFrame(updateOf(watcher.doc, edit)));
    const reply = attacker.nextSyncReply();
    attacker.socket.send(syncStep1Frame());
    await reply;
    expect(attacker.refusals).toHaveLength(1);
    expect(attacker.refusals[0]).toMatch(/^update refused: /);
    // The connection stays: a good edit sent afterwards is stored and relayed (updates are stored
    // in order, so once it is relayed the refused one would have been stored too).
    const length = getBrief(watcher.doc).length;
    const good = updateOf(watcher.doc, (doc) => getBrief(doc).push([new Y.XmlElement('paragraph')]));
    attacker.socket.send(updateFrame(good));
    await eventually(() => expect(getBrief(watcher.doc).length).toBe(length + 1));
    expect(await countLogRows(app.database.db, workspaceId)).toBe(rowsBefore + 1);
    const expected = new Y.Doc();
    Y.applyUpdate(expected, before);
    Y.applyUpdate(expected, good);
    const { doc: stored } = await loadDocument(app.database.db, workspaceId);
    expect(Y.encodeStateAsUpdate(stored)).toEqual(Y.encodeStateAsUpdate(expected));
    expect(readBoard(watcher.doc).columns.map((column) => column.id)).toEqual(['todo', 'doing', 'done']);
    expect([...watcher.doc.share.keys()].sort()).toEqual(['board', 'brief']);
  });
});

describe('updates whose dependencies never arrive (finding 11)', () => {
  it('20 frames of 100 KB with missing dependencies are refused and newcomers download nothing more', async () => {
    const { workspaceId, supervisor, intern } = await makeWorkspace(app.url, { intern: true });
    const watcher = open(workspaceId, intern.cookie);
    await synced(watcher.provider);
    const before = await storedState(workspaceId);
    const rowsBefore = await countLogRows(app.database.db, workspaceId);
    const attacker = await raw(workspaceId, supervisor.cookie);
    for (let i = 0; i < 20; i++) {
      // The first edit (never sent) is what the second builds on.
      const scratch = new Y.Doc();
      scratch.clientID = 1000 + i;
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(watcher.doc));
      getBrief(scratch).push([new Y.XmlElement('paragraph')]);
      const withheld = Y.encodeStateVector(scratch);
      const text = new Y.XmlText('x'.repeat(100_000));
      (getBrief(scratch).get(getBrief(scratch).length - 1) as Y.XmlElement).push([text]);
      attacker.socket.send(updateFrame(Y.encodeStateAsUpdate(scratch, withheld)));
      scratch.destroy();
    }
    // Deletions of changes that never happened would be pending too.
    attacker.socket.send(updateFrame(deletesOfTheFuture(77, 5_000)));
    const reply = attacker.nextSyncReply();
    attacker.socket.send(syncStep1Frame());
    await reply;
    expect(attacker.refusals).toHaveLength(21);
    for (const reason of attacker.refusals) expect(reason).toMatch(/never received/);
    // A good edit afterwards is stored; the refused ones were not (updates are stored in order).
    const good = updateOf(watcher.doc, (doc) => getBrief(doc).push([new Y.XmlElement('paragraph')]));
    const length = getBrief(watcher.doc).length;
    attacker.socket.send(updateFrame(good));
    await eventually(() => expect(getBrief(watcher.doc).length).toBe(length + 1));
    expect(await countLogRows(app.database.db, workspaceId)).toBe(rowsBefore + 1);
    const { doc: stored } = await loadDocument(app.database.db, workspaceId);
    expect(stored.store.pendingStructs).toBeNull();
    expect(stored.store.pendingDs).toBeNull();
    expect(Y.encodeStateAsUpdate(stored).length).toBeLessThan(before.length + good.length + 100);
    const newcomer = await raw(workspaceId, intern.cookie);
    const first = newcomer.nextSyncReply();
    newcomer.socket.send(syncStep1Frame());
    await first;
    expect(newcomer.received.bytes).toBeLessThan(before.length + good.length + 1000);
  });
});

/** An update that deletes `length` items of `client` the server has never seen. */
function deletesOfTheFuture(client: number, length: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = client;
  const text = doc.getText('scratch');
  text.insert(0, 'y'.repeat(length));
  const withText = Y.encodeStateVector(doc);
  text.delete(0, length);
  const update = Y.encodeStateAsUpdate(doc, withText);
  doc.destroy();
  return update;
}
