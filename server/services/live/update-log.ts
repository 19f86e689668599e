import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { GroupCommit } from '../../db/group-commit.ts';
import { documentUpdates } from '../../db/schema.ts';

/** Rows per INSERT statement (two parameters a row, far below Postgres' 65,535). */
const ROWS_PER_STATEMENT = 2000;
/** Waits before the attempts after a failed write; then the updates are refused. */
const RETRY_DELAYS_MS = [50, 250, 1000];

interface PendingRow {
  workspaceId: string;
  update: Uint8Array;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the update log of every document this process holds. One write is in flight at
 * a time; every update that arrives meanwhile, whatever its document, goes into the next single
 * INSERT. Each caller's promise resolves once its row is committed (and not before), in the order
 * the updates arrived, so a document relays exactly what is stored.
 *
 * A failed write is retried; if it still fails, the documents' updates are written apart so one
 * document's trouble (say, its workspace was deleted) does not refuse the others', and what fails
 * again is rejected as a storage error.
 */
export class UpdateLogWriter {
  private readonly queue = new GroupCommit<PendingRow>(ROWS_PER_STATEMENT, (batch) => this.writeBatch(batch));

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  append(workspaceId: string, update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => this.queue.add({ workspaceId, update, resolve, reject }));
  }

  /** Resolves when nothing is waiting to be written. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async writeBatch(batch: PendingRow[]): Promise<void> {
    try {
      await this.insertWithRetry(batch);
      for (const row of batch) row.resolve();
    } catch (error) {
      await this.writeApart(batch, error);
    }
  }

  private async writeApart(batch: PendingRow[], groupError: unknown): Promise<void> {
    const byDocument = new Map<string, PendingRow[]>();
    for (const row of batch)
      byDocument.set(row.workspaceId, [...(byDocument.get(row.workspaceId) ?? []), row]);
    if (byDocument.size === 1) return this.refuse(batch, groupError);
    for (const rows of byDocument.values()) {
      try {
        await this.insertWithRetry(rows, 1);
        for (const row of rows) row.resolve();
      } catch (error) {
        this.refuse(rows, error);
      }
    }
  }

  private refuse(rows: PendingRow[], error: unknown): void {
    this.logger.error(
      { err: error, workspaceId: rows[0]?.workspaceId, rows: rows.length },
      'storing updates failed',
    );
    for (const row of rows) row.reject(new StorageError(error));
  }

  private async insertWithRetry(rows: PendingRow[], attempts = RETRY_DELAYS_MS.length + 1): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.db
          .insert(documentUpdates)
          .values(rows.map(({ workspaceId, update }) => ({ workspaceId, update })));
        return;
      } catch (error) {
        if (attempt + 1 >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
      }
    }
  }
}

/** An update could not be stored: the server's fault, not the sender's (never "malformed"). */
export class StorageError extends Error {
  constructor(cause: unknown) {
    super('the update could not be stored', { cause });
    this.name = 'StorageError';
  }
}
