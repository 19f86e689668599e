import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPostgres, type Database } from '../../server/db/client.ts';
import {
  appendUpdates,
  compactDocument,
  countLogRows,
  loadDocument,
} from '../../server/services/live/doc-store.ts';
import { signUp, type ApiClient } from '../helpers/api-client.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let database: TestDatabase;
let app: TestServer;
let first: Database;
let second: Database;
let supervisor: ApiClient;
beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestServer({ database });
  // Two processes' worth of connections: separate pools, as two Stint processes would have.
  first = openPostgres(database.url!);
  second = openPostgres(database.url!);
  supervisor = await signUp(app.url, { role: 'supervisor' });
});
afterAll(async () => {
  await first.close();
  await second.close();
  await app.stop();
});

async function newDocumentId(): Promise<string> {
  const created = await supervisor.post('/api/workspaces', { title: 'Compaction race' });
  expect(created.status).toBe(201);
  // Start from nothing, so the very first snapshot is raced too.
  await database.db.execute(`delete from document_updates where workspace_id = '${created.body.id}'`);
  await database.db.execute(`delete from document_snapshots where workspace_id = '${created.body.id}'`);
  return created.body.id as string;
}

describe('compaction with several processes', () => {
  it('two compactors racing on one document, first snapshot included, with appends between, lose nothing', async () => {
    for (let trial = 0; trial < 12; trial++) {
      const workspaceId = await newDocumentId();
      const reference = new Y.Doc();
      const writers = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
      let sequence = 0;
      const append = async (db: Database, writer: Y.Doc) => {
        const before = Y.encodeStateVector(writer);
        writer.getText('brief').insert(0, `${sequence++} `);
        const update = Y.encodeStateAsUpdate(writer, before);
        Y.applyUpdate(reference, update);
        await appendUpdates(db.db, workspaceId, [update]);
      };
      for (let round = 0; round < 6; round++) {
        await Promise.all([append(first, writers[0]!), append(second, writers[1]!)]);
        await Promise.all([
          compactDocument(first.db, workspaceId),
          append(second, writers[2]!),
          compactDocument(second.db, workspaceId),
          append(first, writers[round % 2]!),
          compactDocument(first.db, workspaceId),
          append(second, writers[2]!),
          compactDocument(second.db, workspaceId),
        ]);
      }
      const { doc: stored } = await loadDocument(database.db, workspaceId);
      expect(stored.getText('brief').toString().split(' ').sort()).toEqual(
        reference.getText('brief').toString().split(' ').sort(),
      );
      expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(reference));
      await compactDocument(first.db, workspaceId);
      expect(await countLogRows(database.db, workspaceId)).toBe(0);
    }
  });
});
