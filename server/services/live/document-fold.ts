import * as Y from 'yjs';

/**
 * The pure part of the document store (doc-store.ts) and of the live documents' compaction
 * bookkeeping (live-documents.ts): no database, so the unit tests check it alone.
 */

/** Log rows a live document may gather before it is compacted in the background. */
export const COMPACT_AFTER_UPDATES = 500;

/**
 * Applies a snapshot, then the log rows in the order given, into `doc`, in one transaction. A row
 * that does not apply is counted and skipped, so one bad row cannot lock a workspace. Yjs updates
 * commute, so the order changes nothing of the result; the store reads rows in id order only so a
 * compaction folds exactly the rows it read.
 */
export function foldLog(
  doc: Y.Doc,
  snapshot: Uint8Array | undefined,
  log: readonly Uint8Array[],
  origin: unknown = null,
): { skipped: number } {
  let skipped = 0;
  doc.transact(() => {
    if (snapshot) Y.applyUpdate(doc, snapshot);
    for (const update of log) {
      try {
        Y.applyUpdate(doc, update);
      } catch {
        skipped += 1;
      }
    }
  }, origin);
  return { skipped };
}

/**
 * Throws away what `doc` holds but cannot integrate: structs (and deletions) waiting for updates
 * that never arrived. Yjs keeps them in `store.pendingStructs`/`pendingDs` and writes them into every
 * encoded state, so without this they would survive every compaction and reach every newcomer.
 * Answers how many bytes were dropped (0: nothing was pending).
 */
export function dropPending(doc: Y.Doc): number {
  const { store } = doc;
  const bytes = (store.pendingStructs?.update.byteLength ?? 0) + (store.pendingDs?.byteLength ?? 0);
  store.pendingStructs = null;
  store.pendingDs = null;
  return bytes;
}

/** Whether a live document with this many log rows should be compacted. */
export const compactionDue = (logLength: number): boolean => logLength >= COMPACT_AFTER_UPDATES;

/**
 * The log rows left after a compaction folded `folded` of them: rows appended while it ran stay
 * counted (the compaction deleted only the rows it read), and the count never goes below zero.
 */
export const logLengthAfterFold = (logLength: number, folded: number): number =>
  Math.max(0, logLength - folded);
