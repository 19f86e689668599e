import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { freePort, launchCluster, type Cluster } from '../../scripts/cluster/launch.ts';
import {
  MESSAGE_AUTH,
  MESSAGE_SYNC,
  encodeUpdate,
  syncProtocol,
} from '../../server/realtime/yjs/protocol.ts';
import * as encoding from 'lib0/encoding';
import { getBrief } from '../../shared/doc-layout.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { registerDatabase } from '../helpers/accounts.ts';

export const SHARED_REDIS = 'redis://127.0.0.1:6379';

export interface TestCluster extends Cluster {
  database: TestDatabase;
  /** What every process was started with (to start one again on the same port). */
  env: Record<string, string>;
  stopAll(): Promise<void>;
}

/**
 * N real Stint processes behind HAProxy (deploy/haproxy.cfg), on this test's own PostgreSQL database
 * and a Redis key prefix of its own (the shared Redis is never flushed).
 */
export async function startTestCluster(processes: number, redisUrl = SHARED_REDIS): Promise<TestCluster> {
  const database = await createTestDatabase();
  const env = {
    DATABASE_URL: database.url!,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `stint-test-${randomUUID().slice(0, 8)}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
  };
  const cluster = await launchCluster({ processes, env });
  for (const url of [cluster.url, ...cluster.processes.map((process) => process.url)])
    registerDatabase(url, database.db);
  return Object.assign(cluster, {
    database,
    env,
    async stopAll() {
      await cluster.stop();
      await database.destroy();
    },
  });
}

/** A redis-server of the test's own on a free port, so it can be stopped and started again. */
export async function startOwnRedis() {
  const port = await freePort();
  let child: ChildProcess | undefined;
  async function start() {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child!.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      child!.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
    });
  }
  async function stop(signal: NodeJS.Signals = 'SIGKILL') {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }
  await start();
  return { url: `redis://127.0.0.1:${port}`, start, stop };
}

export function typeParagraph(doc: Y.Doc, text: string) {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  getBrief(doc).push([paragraph]);
}

/** Every `marker-…` word in the brief. */
export function markersIn(doc: Y.Doc): Set<string> {
  return new Set(
    getBrief(doc)
      .toString()
      .match(/marker-[\w-]+/g) ?? [],
  );
}

/**
 * A y-websocket client at the frame level, for what the provider hides: which frames the server
 * answered and how (a permission refusal), in order.
 */
export class RawDocumentClient {
  readonly doc = new Y.Doc();
  private readonly frames: Uint8Array[] = [];
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const frame = new Uint8Array(data);
      const decoder = decoding.createDecoder(frame);
      if (decoding.readVarUint(decoder) === MESSAGE_SYNC) {
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MESSAGE_SYNC);
        syncProtocol.readSyncMessage(decoder, reply, this.doc, 'server');
      }
      this.frames.push(frame);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async open(wsUrl: string, workspaceId: string, cookie: string): Promise<RawDocumentClient> {
    const origin = wsUrl.replace(/^ws/, 'http');
    const socket = new WebSocket(`${wsUrl}/yjs/${workspaceId}`, { headers: { cookie, origin } });
    await once(socket, 'open');
    const client = new RawDocumentClient(socket);
    await client.sync();
    return client;
  }

  /** Sends sync step 1 and waits for the answer: every frame sent before it has been handled. */
  async sync(): Promise<void> {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    const before = this.frames.length;
    this.socket.send(encoding.toUint8Array(encoder));
    await this.waitFor((frame, index) => index >= before && isSyncStep2(frame));
  }

  /** Makes an edit locally and sends it as one update frame. */
  edit(change: (doc: Y.Doc) => void): void {
    const before = Y.encodeStateVector(this.doc);
    change(this.doc);
    this.socket.send(encodeUpdate(Y.encodeStateAsUpdate(this.doc, before)));
  }

  /** Resends something the server already has: harmless to store, refused if read-only. */
  resendKnown(): void {
    this.socket.send(encodeUpdate(Y.encodeStateAsUpdate(this.doc)));
  }

  waitFor(test: (frame: Uint8Array, index: number) => boolean, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no such frame from the server')), timeoutMs);
      const check = () => {
        if (this.frames.some(test)) {
          clearTimeout(timer);
          resolve();
        } else this.waiters.push(check);
      };
      check();
    });
  }

  refused(timeoutMs?: number): Promise<void> {
    return this.waitFor((frame) => frame[0] === MESSAGE_AUTH, timeoutMs);
  }

  close() {
    this.socket.terminate();
  }
}

function isSyncStep2(frame: Uint8Array): boolean {
  const decoder = decoding.createDecoder(frame);
  return (
    decoding.readVarUint(decoder) === MESSAGE_SYNC &&
    decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep2
  );
}
