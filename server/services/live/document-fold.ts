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
 * Throws away what `doc` holds but cannot integrate and already could not at the last compaction:
 * structs (and deletions) waiting for updates that never arrived. Yjs keeps them in
 * `store.pendingStructs`/`pendingDs` and writes them into every encoded state, so without this they
 * would survive every compaction and reach every newcomer. What became pending only in this fold is
 * kept: rows commit out of order across processes, and an update whose dependency commits a moment
 * after this compaction read the log is not garbage (the cluster's compaction race test). Answers how
 * many bytes were dropped (0: nothing was).
 */
export function dropStalePending(doc: Y.Doc, previousSnapshot: Uint8Array | undefined): number {
  const { store } = doc;
  if (!store.pendingStructs && !store.pendingDs) return 0;
  if (!previousSnapshot || !carriesPending(previousSnapshot)) return 0;
  // Yjs keeps pending structs as one merged update, so what was pending before cannot be told
  // apart from what became pending in this fold; a document carries garbage only once (the update
  // guard refuses new garbage), so one compaction drops it and later ones find none to compare.
  const bytes = (store.pendingStructs?.update.byteLength ?? 0) + (store.pendingDs?.byteLength ?? 0);
  store.pendingStructs = null;
  store.pendingDs = null;
  return bytes;
}

/** Whether a stored snapshot carries pending structs or deletions. */
function carriesPending(snapshot: Uint8Array): boolean {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, snapshot);
  const pending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
  doc.destroy();
  return pending;
}

/** Whether a live document with this many log rows should be compacted. */
export const compactionDue = (logLength: number): boolean => logLength >= COMPACT_AFTER_UPDATES;

/**
 * The log rows left after a compaction folded `folded` of them: rows appended while it ran stay
 * counted (the compaction deleted only the rows it read), and the count never goes below zero.
 */
export const logLengthAfterFold = (logLength: number, folded: number): number =>
  Math.max(0, logLength - folded);
