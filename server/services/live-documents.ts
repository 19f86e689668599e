import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import type { Db } from '../db/client.ts';
import { appendUpdates, compactDocument, isEmptyUpdate, loadDocument } from './doc-store.ts';

/** Log rows a live document may gather before it is compacted in the background. */
export const COMPACT_AFTER_UPDATES = 500;

interface PendingUpdate {
  update: Uint8Array;
  origin: unknown;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** One workspace document held in memory while anyone has it open in this process. */
export class LiveDocument {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new Awareness(this.doc);
  holders = 0;
  logLength = 0;
  private pending: PendingUpdate[] = [];
  private writing: Promise<void> | null = null;
  private compacting: Promise<unknown> | null = null;

  constructor(
    readonly workspaceId: string,
    private readonly db: Db,
    private readonly logger: Logger,
  ) {
    // The server holds no awareness state of its own; it only relays the clients'.
    this.awareness.setLocalState(null);
  }

  /**
   * Stores an update, then applies it. Applying is what relays it (listeners on the doc's `update`
   * event send it on), so nobody ever sees an update that a crash could lose. Updates that arrive
   * while a write is under way share the next insert.
   */
  applyUpdate(update: Uint8Array, origin: unknown): Promise<void> {
    if (isEmptyUpdate(update)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.pending.push({ update, origin, resolve, reject });
      this.writing ??= this.writePending();
    });
  }

  private async writePending(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        await appendUpdates(
          this.db,
          this.workspaceId,
          batch.map((item) => item.update),
        );
      } catch (error) {
        for (const item of batch) item.reject(error);
        continue;
      }
      this.logLength += batch.length;
      for (const item of batch) {
        try {
          Y.applyUpdate(this.doc, item.update, item.origin);
          item.resolve();
        } catch (error) {
          this.logger.error({ err: error, workspaceId: this.workspaceId }, 'a stored update failed to apply');
          item.reject(error);
        }
      }
    }
    this.writing = null;
    if (this.logLength >= COMPACT_AFTER_UPDATES) this.compactInBackground();
  }

  /** Resolves once every update received so far is stored. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    await this.compacting;
  }

  compactInBackground(): void {
    if (this.compacting) return;
    this.compacting = compactDocument(this.db, this.workspaceId)
      .then(({ folded }) => {
        this.logLength = Math.max(0, this.logLength - folded);
      })
      .catch((error: unknown) =>
        this.logger.error({ err: error, workspaceId: this.workspaceId }, 'compaction failed'),
      )
      .finally(() => {
        this.compacting = null;
      });
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/**
 * The documents this process has open. A document is loaded once however many people connect, and
 * unloaded (after its writes are flushed) when the last of them leaves.
 */
export class LiveDocuments {
  private readonly open = new Map<string, Promise<LiveDocument>>();
  /** A document was loaded / is about to be destroyed (the cross-process relay follows these). */
  readonly lifecycle = new EventEmitter<{ opened: [LiveDocument]; closed: [LiveDocument] }>();

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  async acquire(workspaceId: string): Promise<LiveDocument> {
    let loading = this.open.get(workspaceId);
    if (!loading) {
      loading = this.load(workspaceId);
      this.open.set(workspaceId, loading);
      loading.catch(() => this.open.delete(workspaceId));
    }
    const live = await loading;
    live.holders += 1;
    return live;
  }

  private async load(workspaceId: string): Promise<LiveDocument> {
    const live = new LiveDocument(workspaceId, this.db, this.logger);
    const { logLength, skipped } = await loadDocument(this.db, workspaceId, live.doc);
    live.logLength = logLength;
    if (skipped > 0) this.logger.warn({ workspaceId, skipped }, 'skipped log rows that did not apply');
    this.lifecycle.emit('opened', live);
    return live;
  }

  async release(live: LiveDocument): Promise<void> {
    live.holders -= 1;
    if (live.holders > 0) return;
    await live.flush();
    // Someone may have joined while the flush ran.
    if (live.holders > 0 || (await this.open.get(live.workspaceId)) !== live) return;
    this.open.delete(live.workspaceId);
    if (live.logLength > 0) live.compactInBackground();
    await live.flush();
    this.lifecycle.emit('closed', live);
    live.destroy();
  }

  /** Waits until every update this process has received for the document is stored. */
  async flushDocument(workspaceId: string): Promise<void> {
    const live = await this.open.get(workspaceId)?.catch(() => undefined);
    await live?.flush();
  }

  /** Whether this process currently holds the document in memory. */
  isLoaded(workspaceId: string): boolean {
    return this.open.has(workspaceId);
  }

  /**
   * A change made by the server (a version restore): computed on a copy, then fed through the same
   * store-then-relay path as a client's edit, so everyone connected sees it live.
   */
  async change(workspaceId: string, edit: (doc: Y.Doc) => void): Promise<void> {
    const live = await this.acquire(workspaceId);
    try {
      await live.flush();
      const scratch = new Y.Doc();
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(live.doc));
      const before = Y.encodeStateVector(scratch);
      edit(scratch);
      await live.applyUpdate(Y.encodeStateAsUpdate(scratch, before), 'server');
      scratch.destroy();
    } finally {
      await this.release(live);
    }
  }

  async closeAll(): Promise<void> {
    const all = await Promise.allSettled(this.open.values());
    for (const result of all) {
      if (result.status === 'fulfilled') await result.value.flush();
    }
  }
}
