import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { getBrief } from '../../shared/doc-layout.ts';
import { eventually, openDocument, synced } from '../helpers/live.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { makeWorkspace } from '../helpers/workspace.ts';

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.stop());

function typeParagraph(doc: Y.Doc, text: string) {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  getBrief(doc).push([paragraph]);
}

/**
 * Holds the update log locked in a transaction of its own until `release` is called, so the
 * server's next write of a document update waits in the database (PGlite and PostgreSQL alike).
 */
async function holdUpdateLog() {
  let release!: () => void;
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const transaction = app.database.db.transaction(async (tx) => {
    await tx.execute(sql`lock table document_updates in exclusive mode`);
    locked();
    await released;
  });
  await isLocked;
  return {
    release: async () => {
      release();
      await transaction;
    },
  };
}

describe('presence while storage is slow', () => {
  it('cursors are relayed at once while an edit waits for the database, and the edit follows once stored', async () => {
    const { workspaceId, supervisor, intern } = await makeWorkspace(app.url, { intern: true });
    const editor = openDocument(app.wsUrl, workspaceId, supervisor.cookie);
    const watcher = openDocument(app.wsUrl, workspaceId, intern.cookie);
    try {
      await Promise.all([synced(editor.provider), synced(watcher.provider)]);
      const held = await holdUpdateLog();
      try {
        typeParagraph(editor.doc, 'typed while the database is busy');
        // Sent after the edit, on the same socket: it must not queue behind the edit's write.
        editor.provider.awareness.setLocalStateField('cursor', { anchor: 7, head: 7 });
        await eventually(() => {
          const cursors = [...watcher.provider.awareness.getStates().values()].map((state) => state.cursor);
          expect(cursors).toContainEqual({ anchor: 7, head: 7 });
        });
        // The awareness frame came after the edit, so had the edit been relayed before it was
        // stored, the watcher would have it by now.
        expect(getBrief(watcher.doc).toString()).not.toContain('typed while the database is busy');
      } finally {
        await held.release();
      }
      await eventually(() =>
        expect(getBrief(watcher.doc).toString()).toContain('typed while the database is busy'),
      );
    } finally {
      editor.provider.destroy();
      watcher.provider.destroy();
    }
  });
});
