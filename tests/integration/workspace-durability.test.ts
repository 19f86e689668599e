import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { eventually, openDocument, synced } from '../helpers/live.ts';
import { startServerProcess } from '../helpers/process.ts';
import { registerMailbox } from '../helpers/accounts.ts';
import { startMailServer, type TestMailServer } from '../helpers/mail.ts';
import { addMember } from '../helpers/workspace.ts';
import { startTestServer } from '../helpers/server.ts';
import { getBrief } from '../../shared/doc-layout.ts';
import { countLogRows, compactDocument, loadDocument } from '../../server/services/live/doc-store.ts';

const paragraphs = (doc: Y.Doc) =>
  getBrief(doc)
    .toArray()
    .map((node) => (node instanceof Y.XmlElement ? node.toString() : ''))
    .filter((text) => text.includes('line '));

function typeLine(doc: Y.Doc, text: string) {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  getBrief(doc).push([paragraph]);
}

describe('nothing typed is lost', () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let mail: TestMailServer;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.close();
    // Confirming the intern's address (to answer the invitation) goes through a real mailbox.
    mail = await startMailServer();
    env = {
      ...(database.url ? { DATABASE_URL: database.url } : { DATA_DIR: database.dataDir! }),
      SMTP_URL: mail.url,
    };
  });
  afterAll(async () => {
    await database.destroy();
    await mail.stop();
  });

  it('after SIGKILL, a restart has every update the server had relayed', async () => {
    const first = await startServerProcess(env);
    const supervisor = await signUp(first.url, { role: 'supervisor' });
    const intern = await signUp(first.url, { role: 'student' });
    const workspaceId = (await supervisor.post('/api/workspaces', { title: 'Crash test' })).body.id;
    registerMailbox(first.url, mail);
    await addMember(supervisor, workspaceId, intern, 'intern');
    const wsUrl = first.url.replace('http', 'ws');
    const writer = openDocument(wsUrl, workspaceId, supervisor.cookie);
    const observer = openDocument(wsUrl, workspaceId, intern.cookie);
    await Promise.all([synced(writer.provider), synced(observer.provider)]);
    for (const provider of [writer.provider, observer.provider]) provider.shouldConnect = false;

    for (let n = 0; n < 300; n++) typeLine(writer.doc, `line ${n}`);
    // Kill as soon as the observer has seen some of the edits relayed, with the rest still in flight.
    await eventually(() => expect(paragraphs(observer.doc).length).toBeGreaterThan(50), 10_000);
    await first.stop('SIGKILL');
    const relayed = paragraphs(observer.doc);
    writer.provider.destroy();
    observer.provider.destroy();

    const second = await startServerProcess(env);
    try {
      const login = new ApiClient(second.url);
      await login.post('/api/auth/login', { email: supervisor.user.email, password: supervisor.password });
      const reopened = openDocument(second.url.replace('http', 'ws'), workspaceId, login.cookie);
      await synced(reopened.provider);
      const restored = paragraphs(reopened.doc);
      for (const line of relayed) expect(restored).toContain(line);
      expect(restored.length).toBeGreaterThanOrEqual(relayed.length);
      reopened.provider.destroy();
    } finally {
      await second.stop('SIGTERM');
    }
  }, 90_000);
  /**
   * `documents` workspaces with five editors each, four of them typing four lines a second (the
   * benchmark's higher load level is 100 × 5 × 4/s), the server SIGKILLed mid-typing.
   */
  async function killUnderLoad(documents: number) {
    const first = await startServerProcess(env);
    const supervisor = await signUp(first.url, { role: 'supervisor' });
    const wsUrl = first.url.replace('http', 'ws');
    const editorsPerDocument = 5;
    const workspaces = await Promise.all(
      Array.from({ length: documents }, async (_, n) => {
        const id: string = (await supervisor.post('/api/workspaces', { title: `Load ${n}` })).body.id;
        const editors = Array.from({ length: editorsPerDocument }, () =>
          openDocument(wsUrl, id, supervisor.cookie),
        );
        return { id, editors };
      }),
    );
    const all = workspaces.flatMap((workspace) => workspace.editors);
    await Promise.all(all.map((editor) => synced(editor.provider)));
    for (const editor of all) editor.provider.shouldConnect = false;

    // Every editor types four lines a second; the last editor of each document only watches.
    let typed = 0;
    const typing = setInterval(() => {
      for (const { editors } of workspaces) {
        for (const editor of editors.slice(0, -1))
          typeLine(editor.doc, `line ${typed}-${editor.doc.clientID}`);
      }
      typed += 1;
    }, 250);
    try {
      await eventually(() => {
        for (const { editors } of workspaces)
          expect(paragraphs(editors.at(-1)!.doc).length).toBeGreaterThan(20);
      }, 30_000);
      await first.stop('SIGKILL');
    } finally {
      clearInterval(typing);
    }
    // What each document's watcher had been relayed when the server died.
    const relayed = workspaces.map(({ editors }) => paragraphs(editors.at(-1)!.doc));
    for (const editor of all) editor.provider.destroy();

    const second = await startServerProcess(env);
    try {
      const login = new ApiClient(second.url);
      await login.post('/api/auth/login', { email: supervisor.user.email, password: supervisor.password });
      for (const [index, { id }] of workspaces.entries()) {
        const reopened = openDocument(second.url.replace('http', 'ws'), id, login.cookie);
        await synced(reopened.provider);
        const restored = new Set(paragraphs(reopened.doc));
        for (const line of relayed[index]!) expect(restored.has(line)).toBe(true);
        reopened.provider.destroy();
      }
    } finally {
      await second.stop('SIGTERM');
    }
  }

  it('after SIGKILL under load (20 documents × 5 editors × 4/s), every relayed update survives', async () => {
    await killUnderLoad(20);
  }, 120_000);

  it('after SIGKILL at the higher load level (100 documents × 5 editors × 4/s), every relayed update survives', async () => {
    await killUnderLoad(100);
  }, 240_000);
});

describe('compaction', () => {
  it('10,000 small updates fold into a snapshot: same content, short log', async () => {
    const app = await startTestServer();
    try {
      const supervisor = await signUp(app.url, { role: 'supervisor' });
      const workspaceId = (await supervisor.post('/api/workspaces', { title: 'Compaction' })).body.id;
      const { doc, provider } = openDocument(app.wsUrl, workspaceId, supervisor.cookie);
      await synced(provider);
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText('');
      paragraph.insert(0, [text]);
      getBrief(doc).push([paragraph]);
      // 10,000 separate transactions: each becomes its own update frame to the server.
      for (let n = 0; n < 10_000; n++) text.insert(text.length, String(n % 10));
      const expected = getBrief(doc).toString();

      await eventually(async () => {
        const stored = await loadDocument(app.database.db, workspaceId);
        expect(getBrief(stored.doc).toString()).toBe(expected);
      }, 60_000);
      provider.destroy();
      // Unloading compacts in the background too; folding again is safe and leaves nothing.
      await compactDocument(app.database.db, workspaceId);
      expect(await countLogRows(app.database.db, workspaceId)).toBe(0);
      const reloaded = await loadDocument(app.database.db, workspaceId);
      expect(getBrief(reloaded.doc).toString()).toBe(expected);
      expect(getBrief(reloaded.doc).toString()).toContain('0123456789'.repeat(100));
    } finally {
      await app.stop();
    }
  }, 120_000);
});
