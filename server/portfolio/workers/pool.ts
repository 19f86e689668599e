import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { AppError } from '../../errors.ts';
import type { OfflineVerification } from '../credentials/sign.ts';
import type { PdfOptions } from '../pdf.ts';
import type { RecordTask } from './tasks.ts';

/** Beyond this many waiting tasks a request is refused (503) rather than queued without end. */
const MAX_QUEUE = 500;

const busy = () =>
  new AppError(503, 'records_busy', 'Too many documents are being prepared right now; try again shortly.');

/**
 * Worker threads for the records' CPU-heavy work — laying out PDFs, and canonicalising and checking
 * a credential's proof (RDF canonicalisation of a submitted document can take long) — so the event
 * loop keeps answering every other request meanwhile. One pool per app; closed on shutdown.
 */
export class RecordWorkers {
  readonly #pool: Piscina;
  readonly #exportSlots: number;
  #exportsRunning = 0;
  readonly #exportsWaiting: (() => void)[] = [];

  constructor(options: { threads?: number } = {}) {
    const threads = options.threads ?? Math.max(1, Math.min(4, availableParallelism() - 1));
    // One export gathering its data while each thread renders keeps the threads busy; more at
    // once would only queue their database reads ahead of everyone else's.
    this.#exportSlots = threads + 1;
    this.#pool = new Piscina({
      filename: new URL('./worker.mjs', import.meta.url).href,
      minThreads: 0,
      maxThreads: threads,
      maxQueue: MAX_QUEUE,
      idleTimeout: 30_000,
    });
  }

  async #run<T>(task: RecordTask): Promise<T> {
    if (this.#pool.queueSize >= MAX_QUEUE) throw busy();
    return (await this.#pool.run(task)) as T;
  }

  async renderPdf(options: PdfOptions): Promise<Buffer> {
    const bytes = await this.#run<Uint8Array>({ kind: 'pdf', options });
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  verifyCredential = (credential: Record<string, unknown>): Promise<OfflineVerification> =>
    this.#run<OfflineVerification>({ kind: 'verify', credential });

  /**
   * Runs one document export (its database reads and its rendering) when a slot is free. A burst
   * of exports then takes turns instead of filling the database queue all at once, so every other
   * request (a health check, a page) is answered meanwhile; their total time is the same, since
   * the threads render one document each at a time anyway.
   */
  async exportTurn<T>(work: () => Promise<T>): Promise<T> {
    if (this.#exportsRunning >= this.#exportSlots) {
      if (this.#exportsWaiting.length >= MAX_QUEUE) throw busy();
      await new Promise<void>((resolve) => this.#exportsWaiting.push(resolve));
    } else {
      this.#exportsRunning += 1;
    }
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line, or free it.
      const next = this.#exportsWaiting.shift();
      if (next) next();
      else this.#exportsRunning -= 1;
    }
  }

  async close(): Promise<void> {
    await this.#pool.close();
  }
}
