import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { addTask, moveTask, readBoard } from '../../shared/board.ts';
import { getBrief } from '../../shared/doc-layout.ts';
import { YJS_CLOSE } from '../../shared/live.ts';
import { signUp } from '../helpers/api-client.ts';
import { eventually, openDocument, synced, upgradeStatus } from '../helpers/live.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { makeWorkspace } from '../helpers/workspace.ts';
import { loadDocument, countLogRows } from '../../server/services/live/doc-store.ts';

let app: TestServer;
const providers: { destroy(): void }[] = [];
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  for (const provider of providers) provider.destroy();
  await app.stop();
});

function open(workspaceId: string, cookie: string | undefined) {
  const opened = openDocument(app.wsUrl, workspaceId, cookie);
  providers.push(opened.provider);
  return opened;
}

const briefText = (doc: Y.Doc) => getBrief(doc).toString();

function typeParagraph(doc: Y.Doc, text: string) {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  getBrief(doc).push([paragraph]);
}

describe('the workspace document', () => {
  it('opens with the layout the server made: an outlined brief and a three-column board', async () => {
    const { workspaceId, supervisor } = await makeWorkspace(app.url);
    const { doc, provider } = open(workspaceId, supervisor.cookie);
    await synced(provider);
    expect(readBoard(doc).columns.map((column) => column.title)).toEqual(['To do', 'Doing', 'Done']);
    expect(briefText(doc)).toContain('Goals');
    expect(briefText(doc)).toContain('Milestones');
  });

  it('two editors typing and moving cards at once converge, and a late joiner gets the same state', async () => {
    const { workspaceId, supervisor, intern } = await makeWorkspace(app.url, { intern: true });
    const a = open(workspaceId, supervisor.cookie);
    const b = open(workspaceId, intern.cookie);
    await Promise.all([synced(a.provider), synced(b.provider)]);

    const card = addTask(a.doc, { title: 'Design the launch poster', column: 'todo' });
    await eventually(() => expect(readBoard(b.doc).columns[0]!.tasks.map((task) => task.id)).toContain(card));
    addTask(a.doc, { title: 'Write captions', column: 'todo' });
    addTask(b.doc, { title: 'Book the photo shoot', column: 'todo' });

    // Both move the same card at the same moment, to different columns, while typing.
    for (let round = 0; round < 20; round++) {
      typeParagraph(a.doc, `supervisor line ${round}`);
      typeParagraph(b.doc, `intern line ${round}`);
    }
    moveTask(a.doc, card, 'doing', 0);
    moveTask(b.doc, card, 'done', 0);

    await eventually(() => {
      expect(briefText(a.doc)).toBe(briefText(b.doc));
      expect(readBoard(a.doc)).toEqual(readBoard(b.doc));
    });
    expect(briefText(a.doc)).toContain('supervisor line 19');
    expect(briefText(a.doc)).toContain('intern line 19');
    const columnOfCard = readBoard(a.doc).columns.find((column) =>
      column.tasks.some((task) => task.id === card),
    );
    expect(['doing', 'done']).toContain(columnOfCard!.id);

    const late = open(workspaceId, supervisor.cookie);
    await synced(late.provider);
    await eventually(() => {
      expect(briefText(late.doc)).toBe(briefText(a.doc));
      expect(readBoard(late.doc)).toEqual(readBoard(a.doc));
    });
  });

  it('a mentor sees edits live, but its own updates reach nobody and are not stored', async () => {
    const { workspaceId, supervisor, mentor } = await makeWorkspace(app.url, { mentor: true });
    const editor = open(workspaceId, supervisor.cookie);
    const watcher = open(workspaceId, mentor.cookie);
    await Promise.all([synced(editor.provider), synced(watcher.provider)]);

    typeParagraph(editor.doc, 'Agreed: three posts a week');
    await eventually(() => expect(briefText(watcher.doc)).toContain('Agreed: three posts a week'));

    const before = await countLogRows(app.database.db, workspaceId);
    typeParagraph(watcher.doc, 'MENTOR REWRITE');
    addTask(watcher.doc, { title: 'Mentor card', column: 'todo' });
    // Sentinels instead of a pause. The mentor's presence, sent after its edits on the same socket,
    // reaches the editor only once the server has handled those edits; an edit from a second editor
    // made after that is stored and relayed after anything the server took from the mentor.
    watcher.provider.awareness.setLocalStateField('sentinel', 'after-edits');
    await eventually(() => {
      const states = [...editor.provider.awareness.getStates().values()];
      expect(states.map((state) => state.sentinel)).toContain('after-edits');
    });
    const second = open(workspaceId, supervisor.cookie);
    await synced(second.provider);
    typeParagraph(second.doc, 'sentinel');
    await eventually(() => expect(briefText(editor.doc)).toContain('sentinel'));
    expect(briefText(editor.doc)).not.toContain('MENTOR REWRITE');
    expect(readBoard(editor.doc).columns[0]!.tasks.map((task) => task.title)).not.toContain('Mentor card');
    expect(await countLogRows(app.database.db, workspaceId)).toBe(before + 1);
    const stored = await loadDocument(app.database.db, workspaceId);
    expect(briefText(stored.doc)).not.toContain('MENTOR REWRITE');

    // Presence still shows: the mentor's awareness reaches the editor.
    watcher.provider.awareness.setLocalStateField('user', {
      name: mentor.user.name,
      role: 'mentor',
      color: '#0a7',
    });
    await eventually(() => {
      const names = [...editor.provider.awareness.getStates().values()].map((state) => state.user?.name);
      expect(names).toContain(mentor.user.name);
    });
  });

  it('refuses a stranger (401), a non-member (404) and an unknown or malformed workspace id', async () => {
    const { workspaceId } = await makeWorkspace(app.url);
    const outsider = await signUp(app.url);
    const base = `${app.wsUrl}/yjs/`;
    expect(await upgradeStatus(base + workspaceId, { origin: app.url })).toBe(401);
    expect(await upgradeStatus(base + workspaceId, { origin: app.url, cookie: outsider.cookie! })).toBe(404);
    expect(
      await upgradeStatus(base + '00000000-0000-4000-8000-000000000000', {
        origin: app.url,
        cookie: outsider.cookie!,
      }),
    ).toBe(404);
    expect(await upgradeStatus(base + 'not-a-uuid', { origin: app.url, cookie: outsider.cookie! })).toBe(404);
  });

  it('removing a member closes their live connection at once', async () => {
    const { workspaceId, supervisor, intern } = await makeWorkspace(app.url, { intern: true });
    const { provider } = open(workspaceId, intern.cookie);
    await synced(provider);
    const closed = new Promise<number>((resolve) =>
      provider.ws!.addEventListener('close', (event) => resolve(event.code)),
    );
    provider.shouldConnect = false;
    const removal = await supervisor.delete(`/api/workspaces/${workspaceId}/members/${intern.user.id}`);
    expect(removal.status).toBe(200);
    expect(await closed).toBe(YJS_CLOSE.membershipRevoked);
    expect(
      await upgradeStatus(`${app.wsUrl}/yjs/${workspaceId}`, { origin: app.url, cookie: intern.cookie! }),
    ).toBe(404);
  });
});

describe('bad frames', () => {
  async function rawSocket(workspaceId: string, cookie: string) {
    const socket = new WebSocket(`${app.wsUrl}/yjs/${workspaceId}`, { headers: { cookie, origin: app.url } });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return socket;
  }
  const closeCode = (socket: WebSocket) =>
    new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));

  it.each([
    ['random bytes', Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff])],
    ['a truncated update', Buffer.from([0, 2, 40, 1, 2, 3])],
    ['an update that does not decode', Buffer.from([0, 2, 6, 9, 9, 9, 9, 9, 9])],
    ['an unknown message type', Buffer.from([7, 0])],
    ['a text frame', 'hello'],
  ])('%s closes the connection with 4400 and leaves the document untouched', async (_label, frame) => {
    const { workspaceId, supervisor } = await makeWorkspace(app.url);
    const before = await loadDocument(app.database.db, workspaceId);
    const socket = await rawSocket(workspaceId, supervisor.cookie!);
    const code = closeCode(socket);
    socket.send(frame);
    expect(await code).toBe(YJS_CLOSE.malformedMessage);
    const after = await loadDocument(app.database.db, workspaceId);
    expect(Y.encodeStateAsUpdate(after.doc)).toEqual(Y.encodeStateAsUpdate(before.doc));
    expect(
      (await new (await import('../helpers/api-client.ts')).ApiClient(app.url).get('/api/health')).status,
    ).toBe(200);
  });

  it('an oversized frame closes the connection with 1009', async () => {
    const { workspaceId, supervisor } = await makeWorkspace(app.url);
    const socket = await rawSocket(workspaceId, supervisor.cookie!);
    const code = closeCode(socket);
    const { MAX_YJS_MESSAGE_BYTES } = await import('../../shared/limits.ts');
    socket.send(Buffer.alloc(MAX_YJS_MESSAGE_BYTES + 1024, 1));
    expect(await code).toBe(YJS_CLOSE.messageTooBig);
  });
});
