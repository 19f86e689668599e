import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../server/logger.ts';
import { appendUpdates, compactDocument, loadDocument } from '../../server/services/live/doc-store.ts';
import { getBrief } from '../../shared/doc-layout.ts';
import { signUp } from '../helpers/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.stop());

/** One transaction's update of `doc`. */
function updateOf(doc: Y.Doc, change: () => void): Uint8Array {
  let update: Uint8Array | null = null;
  const keep = (bytes: Uint8Array) => (update = bytes);
  doc.on('update', keep);
  doc.transact(change);
  doc.off('update', keep);
  return update!;
}

describe('compaction and pending structs (updates whose dependencies never arrive)', () => {
  it('drops them from the snapshot with a log line; the document content stays intact', async () => {
    const supervisor = await signUp(app.url, { role: 'supervisor' });
    const workspaceId = (await supervisor.post('/api/workspaces', { title: 'Pending' })).body.id as string;

    // An honest paragraph, stored as the server would have stored it.
    const author = new Y.Doc();
    const text = new Y.XmlText('');
    const kept = updateOf(author, () => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [text]);
      getBrief(author).push([paragraph]);
      text.insert(0, 'The brief stays as written.');
    });
    // Another client types twice; only the second update reaches the log (as rows stored before
    // the update guard existed could): it depends on the first, which never arrives.
    const other = new Y.Doc();
    Y.applyUpdate(other, kept);
    const otherText = (getBrief(other).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    updateOf(other, () => otherText.insert(0, 'lost '));
    const orphan = updateOf(other, () => otherText.insert(5, 'x'.repeat(50_000)));
    await appendUpdates(app.database.db, workspaceId, [kept, orphan]);

    const before = await loadDocument(app.database.db, workspaceId);
    expect(before.doc.store.pendingStructs, 'the orphan is pending before compaction').not.toBeNull();

    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => lines.push(line) });
    // The first compaction keeps it: a dependency may be a row committing a moment later on
    // another process. Still pending at a compaction a minute later, it is garbage and is dropped.
    const first = await compactDocument(app.database.db, workspaceId, logger);
    expect(first).toEqual({ folded: 2, droppedPendingBytes: 0 });
    expect((await loadDocument(app.database.db, workspaceId)).doc.store.pendingStructs).not.toBeNull();
    const honest = new Y.Doc();
    Y.applyUpdate(honest, kept);
    const honestText = (getBrief(honest).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const appended = updateOf(honest, () => honestText.insert(honestText.length, ' Still.'));
    await appendUpdates(app.database.db, workspaceId, [appended]);
    // As if the last compaction was an hour ago (the dependencies had a minute to commit).
    await app.database.db.execute(
      sql`update document_snapshots set updated_at = now() - interval '1 hour' where workspace_id = ${workspaceId}`,
    );
    const { folded, droppedPendingBytes } = await compactDocument(app.database.db, workspaceId, logger);
    expect(folded).toBe(1);
    expect(droppedPendingBytes).toBeGreaterThan(50_000);
    const warning = lines.map((line) => JSON.parse(line)).find((entry) => entry.droppedPendingBytes);
    expect(warning).toMatchObject({ level: 40, workspaceId, droppedPendingBytes });
    expect(warning.msg).toContain('pending structs');

    const after = await loadDocument(app.database.db, workspaceId);
    expect(after.doc.store.pendingStructs).toBeNull();
    expect(after.doc.store.pendingDs).toBeNull();
    // The workspace's template brief plus the honest paragraph, exactly as before compaction.
    const content = getBrief(before.doc).toString();
    expect(content).toContain('<paragraph>The brief stays as written.</paragraph>');
    expect(getBrief(after.doc).toString()).toContain(
      '<paragraph>The brief stays as written. Still.</paragraph>',
    );
    expect(getBrief(after.doc).toString()).toBe(content.replace('as written.', 'as written. Still.'));
    // The snapshot itself carries nothing pending: decoded, every struct integrates.
    const snapshot = Y.encodeStateAsUpdate(after.doc);
    expect(snapshot.byteLength).toBeLessThan(10_000);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, snapshot);
    expect(fresh.store.pendingStructs).toBeNull();
  });
});
