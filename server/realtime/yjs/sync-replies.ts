import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { encodeSyncStep2 } from './protocol.ts';

/** Replies kept per document between changes; most requests carry one of a few state vectors. */
const CACHED_REPLIES = 8;
/** State vectors longer than this (many writers) are answered without caching. */
const CACHEABLE_STATE_VECTOR_BYTES = 1024;
/** A sync reply waits while the socket still has this much unsent (the client is not reading). */
export const SEND_BUFFER_HIGH_WATER = 1024 * 1024;
const BACKPRESSURE_POLL_MS = 20;

const replyCaches = new WeakMap<Y.Doc, Map<string, Uint8Array>>();

/**
 * Sync step 2 for a state vector, encoded once per document state: a newcomer, a reconnect and a
 * "did you get my edits?" check mostly ask with the same few vectors, so the whole-document encode
 * runs once between changes instead of once per request. Any change to the document empties it.
 */
export function syncReply(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  if (stateVector.length > CACHEABLE_STATE_VECTOR_BYTES) return encodeSyncStep2(doc, stateVector);
  let cache = replyCaches.get(doc);
  if (!cache) {
    const created = new Map<string, Uint8Array>();
    doc.on('update', () => created.clear());
    replyCaches.set(doc, created);
    cache = created;
  }
  const key = Buffer.from(stateVector).toString('base64');
  let reply = cache.get(key);
  if (!reply) {
    reply = encodeSyncStep2(doc, stateVector);
    if (cache.size >= CACHED_REPLIES) cache.delete(cache.keys().next().value!);
    cache.set(key, reply);
  }
  return reply;
}

/**
 * Answers one connection's sync requests (sync step 1) one at a time, off the frame that asked: a
 * request arriving while one waits replaces it (the newer state vector is the one that matters, and
 * one reply answers both), the reply is computed on a later turn of the event loop so a burst of
 * requests cannot hold it, and it waits while the socket's send buffer is full.
 */
export class SyncRequests {
  private waiting: Uint8Array | null = null;
  private answering = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly doc: Y.Doc,
    private readonly send: (frame: Uint8Array) => void,
  ) {}

  request(stateVector: Uint8Array): void {
    this.waiting = stateVector;
    if (this.answering) return;
    this.answering = true;
    setImmediate(() => this.answer());
  }

  private answer(): void {
    const open = () => this.socket.readyState === this.socket.OPEN;
    if (!open() || this.doc.isDestroyed) {
      this.waiting = null;
      this.answering = false;
      return;
    }
    if (this.socket.bufferedAmount > SEND_BUFFER_HIGH_WATER) {
      setTimeout(() => this.answer(), BACKPRESSURE_POLL_MS);
      return;
    }
    const stateVector = this.waiting;
    this.waiting = null;
    if (stateVector) this.send(syncReply(this.doc, stateVector));
    if (this.waiting) setImmediate(() => this.answer());
    else this.answering = false;
  }
}
