import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import type { Db } from '../../db/client.ts';
import { compactDocument, loadDocument } from './doc-store.ts';
import { UpdateLogWriter } from './update-log.ts';
import { compactionDue, logLengthAfterFold } from './document-fold.ts';

/** One workspace document held in memory while anyone has it open in this process. */
export class LiveDocument {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new Awareness(this.doc);
  holders = 0;
  logLength = 0;
  /** Updates handed to the log writer and not yet committed (and applied). */
  private readonly storing = new Set<Promise<void>>();
  private compacting: Promise<unknown> | null = null;

  constructor(
    readonly workspaceId: string,
    private readonly db: Db,
    private readonly log: UpdateLogWriter,
    private readonly logger: Logger,
  ) {
    // The server holds no awareness state of its own; it only relays the clients'.
    this.awareness.setLocalState(null);
  }

  /**
   * Stores an update, then applies it. Applying is what relays it (listeners on the doc's `update`
   * event send it on), so nobody ever sees an update that a crash could lose. The update must
   * already be known to decode and to change something (the connection checks, decoding it once);
   * it shares the next INSERT with every other document's updates that arrive meanwhile.
   * Rejects with a StorageError when it could not be stored.
   */
  applyUpdate(update: Uint8Array, origin: unknown): Promise<void> {
    const stored = this.log.append(this.workspaceId, update).then(() => {
      this.logLength += 1;
      try {
        Y.applyUpdate(this.doc, update, origin);
      } catch (error) {
        this.logger.error({ err: error, workspaceId: this.workspaceId }, 'a stored update failed to apply');
        throw error;
      }
    });
    this.storing.add(stored);
    const settle = () => {
      this.storing.delete(stored);
      // Compaction only deletes the rows it folded, so it may run while updates keep arriving.
      if (compactionDue(this.logLength)) this.compactInBackground();
    };
    stored.then(settle, settle);
    return stored;
  }

  /** Resolves once every update received so far is stored. */
  async flush(): Promise<void> {
    while (this.storing.size > 0) await Promise.allSettled([...this.storing]);
    await this.compacting;
  }

  compactInBackground(): void {
    if (this.compacting) return;
    this.compacting = compactDocument(this.db, this.workspaceId, this.logger)
      .then(({ folded }) => {
        this.logLength = logLengthAfterFold(this.logLength, folded);
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
  /** One group-committing writer for all documents, so a busy moment costs one INSERT, not one per document. */
  private readonly log: UpdateLogWriter;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {
    this.log = new UpdateLogWriter(db, logger);
  }

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
    const live = new LiveDocument(workspaceId, this.db, this.log, this.logger);
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
    await this.log.idle();
  }
}
