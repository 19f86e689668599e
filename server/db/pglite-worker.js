/**
 * The embedded database's own thread (see `pglite-thread.ts`): it owns PGlite, whose WebAssembly
 * would otherwise run on the server's event loop, and answers the PostgreSQL wire protocol on each
 * MessagePort the main thread hands it, the way `@electric-sql/pglite-socket` does on a socket.
 * Plain JavaScript so that a worker started under tsx, vitest or bare Node loads it as it is.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST_CODE = 80877103;
const CANCEL_REQUEST_CODE = 80877102;
const NO_SSL = new Uint8Array([0x4e]); // 'N'

/** @type {PGlite} */
let db;
try {
  db = await PGlite.create(workerData.directory, {
    startParams: [...PGlite.defaultStartParams, ...workerData.settings],
  });
} catch (error) {
  parentPort.postMessage({ type: 'failed', message: error instanceof Error ? error.stack : String(error) });
  process.exit(1);
}

/**
 * PGlite is one backend: every message, whichever connection sent it, runs in this one queue, in
 * arrival order. The main thread's pool holds a single connection, so a transaction's statements
 * are never interleaved with another caller's.
 */
let queue = Promise.resolve();

/** @param {MessagePort} port */
function serve(port) {
  let pending = Buffer.alloc(0);
  let started = false;

  port.on('message', (/** @type {Uint8Array} */ data) => {
    // The bytes were transferred to this thread: wrap them rather than copy.
    const received = Buffer.from(data.buffer, data.byteOffset, data.length);
    pending = pending.length ? Buffer.concat([pending, received]) : received;
    const messages = [];
    for (;;) {
      const length = messageLength(pending, started);
      if (length === 0 || pending.length < length) break;
      const message = pending.subarray(0, length);
      messages.push(message);
      pending = pending.subarray(length);
      // The start-up message has no type byte, and neither has an SSL request before it.
      started ||= !(length === 8 && message.readInt32BE(4) === SSL_REQUEST_CODE);
    }
    // Every post gets exactly one reply, empty if it held no complete message: the main thread
    // counts them to know when the connection is idle.
    queue = queue.then(() => answer(port, messages));
  });
  port.on('close', () => {
    // A connection that went away mid-transaction must not leave the next one inside it.
    queue = queue.then(async () => {
      if (db.isInTransaction()) await db.exec('rollback').catch(() => {});
    });
  });
}

/** The length of the first complete-or-not message in `buffer`, 0 when even that is unknown. */
function messageLength(buffer, started) {
  if (!started) return buffer.length >= 4 ? buffer.readInt32BE(0) : 0;
  return buffer.length >= 5 ? 1 + buffer.readInt32BE(1) : 0;
}

/** Runs the messages one after the other and posts everything they answered in one reply. */
async function answer(port, messages) {
  /** @type {Uint8Array[]} */
  const chunks = [];
  for (const message of messages) {
    if (message.length === 8 && message.readInt32BE(4) === SSL_REQUEST_CODE) {
      chunks.push(NO_SSL);
      continue;
    }
    if (message.length === 16 && message.readInt32BE(4) === CANCEL_REQUEST_CODE) continue;
    try {
      await db.runExclusive(() =>
        db.execProtocolRawStream(message, {
          // `data` may be a view of PGlite's WebAssembly memory: keep a copy.
          onRawData: (data) => chunks.push(data.slice()),
        }),
      );
    } catch (error) {
      // The wire protocol already carried PostgreSQL's own errors; this is PGlite itself failing.
      parentPort.postMessage({
        type: 'failed',
        message: error instanceof Error ? error.stack : String(error),
      });
      process.exit(1);
    }
  }
  // A fresh buffer, not Buffer.concat's (which may hand out a slice of Node's shared pool).
  const reply = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    reply.set(chunk, offset);
    offset += chunk.length;
  }
  port.postMessage(reply, [reply.buffer]);
}

parentPort.on('message', (message) => {
  if (message.type === 'connect') serve(message.port);
  if (message.type === 'close') {
    queue = queue.then(async () => {
      await db.close();
      parentPort.postMessage({ type: 'closed' });
      process.exit(0);
    });
  }
});

parentPort.postMessage({ type: 'ready' });
