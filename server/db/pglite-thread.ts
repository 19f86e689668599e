import { Duplex } from 'node:stream';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import pg from 'pg';

/**
 * PGlite runs PostgreSQL as WebAssembly on whichever thread owns it; on the server's own thread
 * every statement stalled relaying, pages and sockets for as long as it ran. It lives in a worker
 * thread instead (`pglite-worker.js`), which speaks the PostgreSQL wire protocol, so the server
 * reaches it through the same `pg` pool and Drizzle driver as a PostgreSQL server — over a
 * MessagePort rather than a socket, so there is no port or socket file to find, clash or clean up.
 *
 * (`@electric-sql/pglite-socket` does the same over TCP, but each of its releases pins one exact
 * PGlite and seven extension packages as peers, none of them ours.)
 */
export interface PgliteThread {
  pool: pg.Pool;
  /** The worker itself (its thread id shows in logs; tests end it to see the process stop). */
  worker: Worker;
  close(): Promise<void>;
}

export interface PgliteThreadOptions {
  directory: string;
  /** PostgreSQL settings added to PGlite's defaults (`-c name=value` pairs). */
  settings: string[];
  /**
   * Called once if the worker dies while open. Without the database the server can only fail,
   * so by default the process says why on stderr and exits 1 rather than hang on queries that
   * will never be answered.
   */
  onLost?: (error: Error) => void;
}

const WORKER_URL = new URL('./pglite-worker.js', import.meta.url);

export async function startPgliteThread(options: PgliteThreadOptions): Promise<PgliteThread> {
  const worker = new Worker(WORKER_URL, {
    workerData: { directory: options.directory, settings: options.settings },
    // The worker is plain JavaScript; the loaders of the parent (tsx, vitest) are not needed there.
    execArgv: [],
  });
  const streams = new Set<WorkerStream>();
  let closing = false;

  await new Promise<void>((resolve, reject) => {
    const onMessage = (message: { type: string; message?: string }) => {
      if (message.type === 'ready') {
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        resolve();
      } else if (message.type === 'failed') {
        reject(new Error(`the embedded database did not start: ${message.message}`));
      }
    };
    const onExit = (code: number) =>
      reject(new Error(`the embedded database's worker exited with code ${code}`));
    worker.on('message', onMessage);
    worker.once('exit', onExit);
    worker.once('error', reject);
  });
  // Like PGlite on the main thread, an idle database does not keep the process alive; a query in
  // flight does (its MessagePort is referenced until the answer arrives), and so does closing.
  worker.unref();

  let lostWith: Error | undefined;
  const lost = (error: Error) => {
    lostWith = error;
    for (const stream of streams) stream.destroy(error);
    (options.onLost ?? exitProcess)(error);
  };
  let failure: string | undefined;
  worker.on('message', (message: { type: string; message?: string }) => {
    if (message.type === 'failed') failure = message.message;
  });
  worker.on('error', (error) => {
    failure = error.stack ?? String(error);
  });
  worker.on('exit', (code) => {
    if (closing) return;
    lost(
      new Error(
        `Stint's embedded database stopped unexpectedly (worker exited with code ${code})` +
          (failure ? `: ${failure}` : ''),
      ),
    );
  });

  const pool = new pg.Pool({
    // One backend: one connection, so a transaction holds it and nothing else runs inside it.
    max: 1,
    // Kept open while the database is: reconnecting would only repeat PGlite's start-up handshake.
    idleTimeoutMillis: 0,
    user: 'postgres',
    database: 'postgres',
    stream: () => {
      const stream = new WorkerStream(worker);
      // After the thread is gone a new connection fails at once rather than wait for an answer.
      if (lostWith) {
        const error = lostWith;
        process.nextTick(() => stream.destroy(error));
        return stream;
      }
      streams.add(stream);
      stream.once('close', () => streams.delete(stream));
      return stream;
    },
  });
  pool.on('error', () => {});

  return {
    pool,
    worker,
    async close() {
      if (closing) return;
      closing = true;
      await pool.end();
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.ref();
      worker.postMessage({ type: 'close' });
      await exited;
    },
  };
}

function exitProcess(error: Error): void {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

/**
 * What `pg` needs of a socket, carried over a MessagePort to the worker: bytes out, bytes in,
 * and the connect/close events.
 */
class WorkerStream extends Duplex {
  private port: MessagePort | undefined;
  /** Posts not yet answered (the worker answers each one, empty if it had nothing to say). */
  private unanswered = 0;

  constructor(private readonly worker: Worker) {
    super();
  }

  connect(): this {
    if (this.destroyed) return this;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    port1.on('message', (data: Uint8Array) => {
      this.unanswered -= 1;
      if (this.unanswered === 0) port1.unref();
      if (data.length > 0) this.push(Buffer.from(data.buffer, data.byteOffset, data.length));
    });
    port1.on('close', () => this.destroy());
    port1.unref();
    this.worker.postMessage({ type: 'connect', port: port2 }, [port2]);
    process.nextTick(() => this.emit('connect'));
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (!this.port) return callback(new Error('not connected to the embedded database'));
    // A copy the worker can own: `pg` reuses its write buffers.
    const bytes = new Uint8Array(chunk);
    this.unanswered += 1;
    this.port.ref();
    this.port.postMessage(bytes, [bytes.buffer]);
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.port?.close();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.port?.close();
    this.port = undefined;
    callback(error);
  }
}
