import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  COMPACT_AFTER_UPDATES,
  compactionDue,
  foldLog,
  logLengthAfterFold,
} from '../../server/services/live/document-fold.ts';

/** A writer's edits as the update log holds them: one update per edit, in the order they were made. */
function editsOf(writer: (doc: Y.Doc) => void): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  writer(doc);
  doc.destroy();
  return updates;
}

const typing = (text: string) =>
  editsOf((doc) => {
    for (const [index, char] of [...text].entries()) doc.getText('brief').insert(index, char);
  });

function fold(snapshot: Uint8Array | undefined, log: Uint8Array[]) {
  const doc = new Y.Doc();
  const { skipped } = foldLog(doc, snapshot, log);
  return { text: doc.getText('brief').toString(), state: Y.encodeStateAsUpdate(doc), skipped };
}

describe('folding a snapshot and its log', () => {
  const log = typing('hello');

  it('applies the snapshot, then every log row', () => {
    const snapshot = fold(undefined, log.slice(0, 2)).state;
    expect(fold(snapshot, log.slice(2)).text).toBe('hello');
  });

  it('gives the same document whatever order the rows come in', () => {
    expect(fold(undefined, [...log].reverse()).text).toBe('hello');
    expect(fold(undefined, [log[3]!, log[0]!, log[4]!, log[1]!, log[2]!]).text).toBe('hello');
  });

  it('loses nothing when a compaction folds part of the log and later rows arrive meanwhile', () => {
    // A compaction reads rows 1–3 and writes a snapshot; rows 4–5 were appended while it ran and
    // stay in the log; a later load is that snapshot plus the rows left.
    const snapshot = fold(undefined, log.slice(0, 3)).state;
    const loaded = fold(snapshot, log.slice(3));
    expect(loaded.text).toBe('hello');
    expect(loaded.state).toEqual(fold(undefined, log).state);
  });

  it('folding again over a snapshot that already holds the rows changes nothing', () => {
    const snapshot = fold(undefined, log).state;
    expect(fold(snapshot, log).text).toBe('hello');
    expect(fold(snapshot, []).state).toEqual(snapshot);
  });

  it('skips and counts a row that does not decode, and still applies the rows after it', () => {
    const broken = new Uint8Array([0xff, 0xff, 0xff]);
    const result = fold(undefined, [log[0]!, broken, ...log.slice(1)]);
    expect(result).toMatchObject({ text: 'hello', skipped: 1 });
  });

  it('applies everything in one transaction, under the origin given', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (transaction: Y.Transaction) => origins.push(transaction.origin));
    foldLog(doc, undefined, log, 'load');
    expect(origins).toEqual(['load']);
  });
});

describe('when a live document is compacted', () => {
  it('is due once the log reaches its threshold', () => {
    expect(compactionDue(COMPACT_AFTER_UPDATES - 1)).toBe(false);
    expect(compactionDue(COMPACT_AFTER_UPDATES)).toBe(true);
  });

  it('keeps counting the rows appended while a compaction ran, never below zero', () => {
    // 500 rows when it started, 20 more arrived while it folded the 500 it read.
    expect(logLengthAfterFold(520, 500)).toBe(20);
    expect(logLengthAfterFold(3, 10)).toBe(0);
  });
});
