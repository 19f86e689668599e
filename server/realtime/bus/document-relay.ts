import type { Logger } from 'pino';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Db } from '../../db/client.ts';
import { loadDocument } from '../../services/live/doc-store.ts';
import type { LiveDocument, LiveDocuments } from '../../services/live/live-documents.ts';
import type { RedisBus } from './redis-bus.ts';
import { decodeBusMessage, encodeBusMessage, type BusMessageKind } from './wire.ts';

/** The origin of changes that came from another process: applied and relayed here, never stored again. */
export const FROM_OTHER_PROCESS = Symbol('from another process');
/** The origin of changes found in PostgreSQL that this process had missed on the bus. */
export const FROM_CATCH_UP = Symbol('caught up from PostgreSQL');

interface Held {
  live: LiveDocument;
  listener: (message: Buffer) => void;
  outgoing: Uint8Array[];
  flushScheduled: boolean;
  detach: () => void;
}

/**
 * Yjs across processes. One Redis pub/sub channel per document (`<prefix>:doc:<workspaceId>`),
 * subscribed by exactly the processes that hold it open. PostgreSQL stays the record and Redis is only
 * the fast path:
 *
 * - An update is published after it is stored: we listen to the document's `update` event, which a
 *   live document fires only once the update's row is committed (store, then apply, then relay).
 * - A process applies what others publish with origin FROM_OTHER_PROCESS: the rooms relay it to
 *   its own clients, and nothing stores or publishes it again.
 * - Awareness (cursors, presence) travels the same way and is never stored.
 * - Whatever the bus may have dropped (Redis restarted, a blip, a slow subscriber cut off by Redis's
 *   output limit, updates published between loading a document and subscribing to it) is caught up
 *   from PostgreSQL: the document's snapshot and log are replayed into a scratch document and only
 *   what the live one lacks is applied (and relayed). This compares Yjs state, not log row ids: ids
 *   from two processes commit out of order and compaction deletes rows, so "every row after the
 *   last one seen" could skip an edit; the state vector and delete set cannot.
 */
export class DocumentRelay {
  private readonly held = new Map<string, Held>();
  /** Counted for tests and health: how often, and how much, catch-up had to deliver. */
  readonly caughtUp = { documents: 0, bytes: 0 };

  constructor(
    private readonly bus: RedisBus,
    private readonly db: Db,
    private readonly documents: LiveDocuments,
    private readonly logger: Logger,
  ) {
    documents.lifecycle.on('opened', (live) => this.follow(live));
    documents.lifecycle.on('closed', (live) => this.unfollow(live));
    bus.onResync(() => void this.catchUpAll());
  }

  private channelOf(workspaceId: string): string {
    return this.bus.channel(`doc:${workspaceId}`);
  }

  private follow(live: LiveDocument): void {
    const held: Held = {
      live,
      listener: (message) => this.receive(live, message),
      outgoing: [],
      flushScheduled: false,
      detach: () => {},
    };
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      // What catch-up found is published too: it may be one of our own updates that PostgreSQL had
      // committed before this process applied it, which would otherwise never be announced.
      if (origin === FROM_OTHER_PROCESS || origin === 'load') return;
      held.outgoing.push(update);
      if (held.flushScheduled) return;
      held.flushScheduled = true;
      // Updates stored in one batch go out as one message.
      queueMicrotask(() => this.flush(held));
    };
    const onAwareness = (
      { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ) => {
      // Each process times out stale states by itself; only real changes and renewals travel.
      if (origin === FROM_OTHER_PROCESS || origin === 'timeout') return;
      const clients = [...added, ...updated, ...removed];
      if (clients.length === 0) return;
      const update = awarenessProtocol.encodeAwarenessUpdate(live.awareness, clients);
      this.send(live.workspaceId, 'awareness', update);
    };
    live.doc.on('update', onUpdate);
    live.awareness.on('update', onAwareness);
    held.detach = () => {
      live.doc.off('update', onUpdate);
      live.awareness.off('update', onAwareness);
    };
    this.held.set(live.workspaceId, held);
    // Subscribing takes a round trip (or waits for Redis to return); whatever was published before it
    // took effect is in PostgreSQL, so the catch-up right after closes the gap.
    this.bus
      .subscribe(this.channelOf(live.workspaceId), held.listener)
      .then(() => this.catchUp(live))
      .catch((error: unknown) =>
        this.logger.warn(
          { err: error, workspaceId: live.workspaceId },
          'could not follow a document on Redis',
        ),
      );
  }

  private unfollow(live: LiveDocument): void {
    const held = this.held.get(live.workspaceId);
    if (!held || held.live !== live) return;
    this.flush(held);
    held.detach();
    this.held.delete(live.workspaceId);
    this.bus.unsubscribe(this.channelOf(live.workspaceId), held.listener).catch(() => {});
  }

  private flush(held: Held): void {
    held.flushScheduled = false;
    if (held.outgoing.length === 0) return;
    const updates = held.outgoing.splice(0);
    const update = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
    this.send(held.live.workspaceId, 'update', update);
  }

  private send(workspaceId: string, kind: BusMessageKind, payload: Uint8Array): void {
    this.bus.publish(
      this.channelOf(workspaceId),
      encodeBusMessage({ from: this.bus.processId, kind, payload }),
    );
  }

  private receive(live: LiveDocument, raw: Buffer): void {
    if (this.held.get(live.workspaceId)?.live !== live) return;
    try {
      const message = decodeBusMessage(raw);
      if (message.from === this.bus.processId) return;
      if (message.kind === 'update') Y.applyUpdate(live.doc, message.payload, FROM_OTHER_PROCESS);
      else awarenessProtocol.applyAwarenessUpdate(live.awareness, message.payload, FROM_OTHER_PROCESS);
    } catch (error) {
      this.logger.error(
        { err: error, workspaceId: live.workspaceId },
        'a message from the bus did not apply',
      );
    }
  }

  /** Applies (and so relays to this process's clients) whatever PostgreSQL has that the live document lacks. */
  async catchUp(live: LiveDocument): Promise<number> {
    const { doc: stored } = await loadDocument(this.db, live.workspaceId);
    if (this.held.get(live.workspaceId)?.live !== live) return 0;
    const missing = Y.encodeStateAsUpdate(stored, Y.encodeStateVector(live.doc));
    stored.destroy();
    let delivered = 0;
    const measure = (update: Uint8Array) => (delivered += update.byteLength);
    live.doc.on('update', measure);
    try {
      Y.applyUpdate(live.doc, missing, FROM_CATCH_UP);
    } finally {
      live.doc.off('update', measure);
    }
    if (delivered > 0) {
      this.caughtUp.documents += 1;
      this.caughtUp.bytes += delivered;
      this.logger.info(
        { workspaceId: live.workspaceId, bytes: delivered },
        'caught up a document from PostgreSQL that the bus had not delivered',
      );
    }
    return delivered;
  }

  private async catchUpAll(): Promise<void> {
    for (const { live } of [...this.held.values()]) {
      await this.catchUp(live).catch((error: unknown) =>
        this.logger.error({ err: error, workspaceId: live.workspaceId }, 'catching up a document failed'),
      );
    }
  }
}
