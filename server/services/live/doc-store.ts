import { asc, eq, inArray, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../../db/client.ts';
import { documentSnapshots, documentUpdates } from '../../db/schema.ts';
import type { Logger } from 'pino';
import { dropStalePending, foldLog } from './document-fold.ts';

/**
 * Where workspace documents live in Postgres: a snapshot per document plus an append-only log of
 * updates. Yjs updates commute, so a document is its snapshot with every remaining log row applied,
 * in any order.
 */

/**
 * Reads an incoming update once: throws if it is not a well-formed Yjs update (decoding reads every
 * struct, so truncated or random bytes fail here, before anything is stored or applied), and
 * answers whether it changes nothing (clients send these as an empty sync step 2).
 */
export function readIncomingUpdate(update: Uint8Array): { empty: boolean } {
  const { structs, ds } = Y.decodeUpdate(update);
  return { empty: structs.length === 0 && ds.clients.size === 0 };
}

/** Whether an update changes nothing. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return readIncomingUpdate(update).empty;
}

export async function appendUpdates(db: Db, workspaceId: string, updates: Uint8Array[]): Promise<void> {
  if (updates.length === 0) return;
  await db.insert(documentUpdates).values(updates.map((update) => ({ workspaceId, update })));
}

export async function writeSnapshot(db: Db, workspaceId: string, state: Uint8Array): Promise<void> {
  await db
    .insert(documentSnapshots)
    .values({ workspaceId, state })
    .onConflictDoUpdate({ target: documentSnapshots.workspaceId, set: { state, updatedAt: new Date() } });
}

export interface LoadedDocument {
  doc: Y.Doc;
  logLength: number;
  /** Log rows that failed to apply; logged and skipped so one bad row cannot lock a workspace. */
  skipped: number;
}

/** Builds the document from its snapshot and log. `into` lets a live document be filled in place. */
export async function loadDocument(
  db: Db,
  workspaceId: string,
  into: Y.Doc = new Y.Doc(),
): Promise<LoadedDocument> {
  // The log is read before the snapshot: a compaction committing in between has folded every row
  // it deleted into the snapshot read next, so nothing falls between the two reads.
  const log = await db
    .select({ update: documentUpdates.update })
    .from(documentUpdates)
    .where(eq(documentUpdates.workspaceId, workspaceId))
    .orderBy(asc(documentUpdates.id));
  const [snapshot] = await db
    .select({ state: documentSnapshots.state })
    .from(documentSnapshots)
    .where(eq(documentSnapshots.workspaceId, workspaceId));
  const { skipped } = foldLog(
    into,
    snapshot?.state,
    log.map((row) => row.update),
    'load',
  );
  return { doc: into, logLength: log.length, skipped };
}

export async function countLogRows(db: Db, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(documentUpdates)
    .where(eq(documentUpdates.workspaceId, workspaceId));
  return row?.n ?? 0;
}

/**
 * Folds the log into the snapshot in one transaction. Only the rows it read are deleted, so an
 * update appended meanwhile (by this or another process) stays in the log and is not lost. Pending
 * structs that were already pending at the last compaction (rows stored before the update guard
 * refused updates whose dependencies are missing) are dropped from the snapshot, with a warning
 * naming the workspace and the bytes dropped.
 */
/** How long an update may wait for a dependency committing on another process before it is garbage. */
export const PENDING_GRACE_MS = 60_000;

export async function compactDocument(
  db: Db,
  workspaceId: string,
  logger?: Pick<Logger, 'warn'>,
): Promise<{ folded: number; droppedPendingBytes: number }> {
  return db.transaction(async (tx) => {
    // Compactors of one document (in any process) take turns: without a snapshot row yet there is
    // nothing for FOR UPDATE to lock, and an older fold committing last would delete rows it never read.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`compact:${workspaceId}`}))`);
    const [snapshot] = await tx
      .select({
        state: documentSnapshots.state,
        folded: documentSnapshots.foldedUpdates,
        updatedAt: documentSnapshots.updatedAt,
      })
      .from(documentSnapshots)
      .where(eq(documentSnapshots.workspaceId, workspaceId))
      .for('update');
    const log = await tx
      .select({ id: documentUpdates.id, update: documentUpdates.update })
      .from(documentUpdates)
      .where(eq(documentUpdates.workspaceId, workspaceId))
      .orderBy(asc(documentUpdates.id));
    if (log.length === 0) return { folded: 0, droppedPendingBytes: 0 };
    const doc = new Y.Doc();
    // An update that cannot apply is dropped here rather than carried forever: every row read is folded.
    foldLog(
      doc,
      snapshot?.state,
      log.map((row) => row.update),
    );
    // Pending in a snapshot a minute old: its dependencies had that long to commit, from any process.
    const settled = snapshot && snapshot.updatedAt.getTime() < Date.now() - PENDING_GRACE_MS;
    const droppedPendingBytes = dropStalePending(doc, settled ? snapshot.state : undefined);
    if (droppedPendingBytes > 0)
      logger?.warn(
        { workspaceId, droppedPendingBytes },
        'compaction dropped pending structs: updates whose dependencies never arrived',
      );
    const folded = log.map((row) => row.id);
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    await tx
      .insert(documentSnapshots)
      .values({ workspaceId, state, foldedUpdates: folded.length })
      .onConflictDoUpdate({
        target: documentSnapshots.workspaceId,
        set: { state, updatedAt: new Date(), foldedUpdates: (snapshot?.folded ?? 0) + folded.length },
      });
    for (let start = 0; start < folded.length; start += 5000) {
      await tx.delete(documentUpdates).where(inArray(documentUpdates.id, folded.slice(start, start + 5000)));
    }
    return { folded: folded.length, droppedPendingBytes };
  });
}
