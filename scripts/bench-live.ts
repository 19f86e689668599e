/**
 * `npm run bench:live` — the live layer under load, against references in the same run:
 *
 * - Yjs: Stint (PGlite, and PostgreSQL when DATABASE_URL is set) and the official in-memory
 *   @y/websocket-server, driven by the real y-websocket client from two driver processes, rounds
 *   interleaved (A B A B …), at 50 × 5 × 2/s and 100 × 5 × 4/s, then once more with a CPU burner on
 *   each core; RSS per idle open document.
 * - Chat: chat:send with acks at 50 and 200 clients, against a minimal Socket.IO server that does
 *   one INSERT per message into the same kind of database.
 * - Pages: server CPU of a logged-in page render against GET /api/health.
 * - Start-up on an existing PGlite database, and the first match request after it.
 *
 * `--quick` runs one short round of each, for iterating. `--cluster` runs the cluster comparison
 * instead: one process against two behind HAProxy (scripts/bench-live/cluster-mode.ts).
 *
 * For iterating on one part: `--only chat` (or `yjs`, `pages`, `startup`, comma-separated) runs only
 * those sections; `--stores postgres` leaves out Stint on PGlite (and with it the start-up section);
 * `--chat-clients 200` runs only that chat level; `--profile-stint <dir>` runs each Stint server
 * with `node --cpu-prof`, the profile written to <dir> when the server stops; `--busy-chat` runs the
 * chat rounds with one CPU burner per core; `--rate-limits <spec>` keeps Stint's rate limits on.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { ensureWebBuild } from './lib/web-build.ts';
import { Histogram, cpuMs, formatMs, median, ratio, rssBytes, sleep } from './bench-live/measure.ts';
import { Helper, startBurner, startServer, type ServerProcess } from './bench-live/processes.ts';
import { createWorkspaces, signUp, type Caller } from './bench-live/stint-setup.ts';
import type { DriverResult } from './bench-live/yjs-driver.ts';
import { clusterBench } from './bench-live/cluster-mode.ts';

const quick = process.argv.includes('--quick');
/** The value after `--name` on the command line, if any. */
function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}
const SECTIONS = new Set((option('only') ?? 'yjs,chat,pages,startup').split(','));
const STORES = new Set((option('stores') ?? 'pglite,postgres').split(','));
const CHAT_CLIENTS = (option('chat-clients') ?? '50,200').split(',').map(Number);
const PROFILE_DIR = option('profile-stint');
/** `--busy-chat`: the chat rounds run with one CPU burner per core, like a machine shared with other work. */
const BUSY_CHAT = process.argv.includes('--busy-chat');
/**
 * Stint's rate limits: off by default (one supervisor drives every client, so the per-user limits
 * would refuse the load itself); `--rate-limits chat:send=100000/10` keeps them counting, as in
 * production, at limits the load stays under — the worst case, since every message then updates
 * that one person's counter row.
 */
const RATE_LIMITS = option('rate-limits') ?? 'off';
const ROUNDS = quick ? 1 : 3;
const ROUND_MS = quick ? 6_000 : 12_000;
const DRAIN_MS = 45_000;
const IDLE_DOCS = quick ? 100 : 200;
const LEVELS = [
  { name: '50 × 5 × 2/s', docs: 50, editors: 5, rate: 2 },
  { name: '100 × 5 × 4/s', docs: 100, editors: 5, rate: 4 },
];
const PORTS = { pglite: 49100, postgres: 49101, reference: 49102, chatPglite: 49103, chatPostgres: 49104 };

interface YjsTarget {
  name: string;
  server: ServerProcess;
  cookie?: string;
  docs: string[];
  idleDocs: string[];
  reference?: boolean;
}

interface RoundFigures {
  perSecond: number;
  cpuPer1000: number;
  rss: number;
  reconnects: number;
  undelivered: number;
  histogram: Histogram;
}

const log = (line = '') => process.stdout.write(`${line}\n`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

async function startStint(name: string, env: Record<string, string>, port: number) {
  return startServer(
    name,
    [
      ...(PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : []),
      '--import',
      'tsx',
      'server/index.ts',
    ],
    { SEED: 'false', LOG_LEVEL: 'warn', RATE_LIMITS: RATE_LIMITS, ...env },
    port,
    '/api/health',
  );
}

/** The state of a new Stint workspace document, so the reference's idle documents hold the same. */
async function readDocument(url: string, cookie: string, name: string): Promise<Uint8Array> {
  const doc = new Y.Doc();
  const origin = url.replace(/^ws/, 'http');
  class CookieWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { origin, cookie } });
    }
  }
  const provider = new WebsocketProvider(`${url}/yjs`, name, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  const state = Y.encodeStateAsUpdate(doc);
  provider.destroy();
  return state;
}

async function yjsRound(
  drivers: Helper[],
  target: YjsTarget,
  level: (typeof LEVELS)[number],
): Promise<RoundFigures> {
  const wsUrl = target.server.url.replace(/^http/, 'ws');
  const docs = target.docs.slice(0, level.docs);
  await Promise.all(
    drivers.map((driver, index) =>
      driver.ask({
        type: 'connect',
        url: wsUrl,
        cookie: target.cookie,
        docs: docs.filter((_, n) => n % drivers.length === index),
        editors: level.editors,
      }),
    ),
  );
  const cpuBefore = cpuMs(target.server.pid);
  let rss = rssBytes(target.server.pid);
  const sampler = setInterval(() => (rss = Math.max(rss, rssBytes(target.server.pid))), 500);
  const results = await Promise.all(
    drivers.map((driver) =>
      driver.ask<DriverResult>({ type: 'run', durationMs: ROUND_MS, rate: level.rate, drainMs: DRAIN_MS }),
    ),
  );
  clearInterval(sampler);
  const cpu = cpuMs(target.server.pid) - cpuBefore;
  await Promise.all(drivers.map((driver) => driver.ask({ type: 'disconnect' })));
  const histogram = new Histogram();
  for (const result of results) histogram.merge(result.latencies);
  const sum = (pick: (result: DriverResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  return {
    perSecond: sum((r) => r.deliveredInRound) / (ROUND_MS / 1000),
    cpuPer1000:
      (cpu /
        Math.max(
          1,
          sum((r) => r.delivered),
        )) *
      1000,
    rss,
    reconnects: sum((r) => r.reconnects),
    undelivered: Math.max(0, sum((r) => r.expected) - sum((r) => r.delivered)),
    histogram,
  };
}

function reportYjs(title: string, offered: number, figures: Map<YjsTarget, RoundFigures[]>) {
  log(
    `\n${title} — offered ≈${offered} deliveries/s, ${ROUNDS} interleaved round(s) of ${ROUND_MS / 1000} s`,
  );
  const rows = [...figures].map(([target, rounds]) => {
    const histogram = new Histogram();
    for (const round of rounds) histogram.merge([...round.histogram.counts]);
    return {
      target,
      perSecond: median(rounds.map((r) => r.perSecond)),
      p50: histogram.percentile(50),
      p99: histogram.percentile(99),
      cpu: median(rounds.map((r) => r.cpuPer1000)),
      rss: Math.max(...rounds.map((r) => r.rss)),
      reconnects: rounds.reduce((sum, r) => sum + r.reconnects, 0),
      undelivered: rounds.reduce((sum, r) => sum + r.undelivered, 0),
    };
  });
  const reference = rows.find((row) => row.target.reference)!;
  log(
    '  server              deliveries/s     p50            p99            CPU ms/1000     peak RSS   reconnects  undelivered',
  );
  for (const row of rows) {
    const vs = (value: number, ref: number) => (row === reference ? '' : ` (${ratio(value, ref)})`);
    log(
      `  ${row.target.name.padEnd(18)}  ${(row.perSecond.toFixed(0) + vs(row.perSecond, reference.perSecond)).padEnd(15)}  ` +
        `${(formatMs(row.p50) + vs(row.p50, reference.p50)).padEnd(13)}  ${(formatMs(row.p99) + vs(row.p99, reference.p99)).padEnd(13)}  ` +
        `${(row.cpu.toFixed(0) + vs(row.cpu, reference.cpu)).padEnd(14)}  ${mb(row.rss).padEnd(9)}  ${String(row.reconnects).padEnd(10)}  ${row.undelivered}`,
    );
  }
}

async function yjsLevel(
  drivers: Helper[],
  targets: YjsTarget[],
  level: (typeof LEVELS)[number],
  title: string,
) {
  const figures = new Map<YjsTarget, RoundFigures[]>(targets.map((target) => [target, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of targets) {
      figures.get(target)!.push(await yjsRound(drivers, target, level));
      await sleep(1000);
    }
  }
  reportYjs(title, level.docs * level.editors * level.rate * (level.editors - 1), figures);
}

async function idleDocuments(drivers: Helper[], targets: YjsTarget[], template: Uint8Array) {
  log(`\nRSS per idle open document (${IDLE_DOCS} documents, one connection each)`);
  const perDoc = new Map<YjsTarget, number>();
  for (const target of targets) {
    await sleep(3000);
    const before = rssBytes(target.server.pid);
    await drivers[0]!.ask({
      type: 'idle',
      url: target.server.url.replace(/^http/, 'ws'),
      cookie: target.cookie,
      docs: target.idleDocs,
      template: target.reference ? Buffer.from(template).toString('base64') : undefined,
    });
    await sleep(3000);
    perDoc.set(target, (rssBytes(target.server.pid) - before) / IDLE_DOCS);
    await drivers[0]!.ask({ type: 'disconnect' });
  }
  const reference = [...perDoc].find(([target]) => target.reference)![1];
  for (const [target, bytes] of perDoc) {
    log(
      `  ${target.name.padEnd(18)}  ${kb(bytes)}${target.reference ? '' : ` (${ratio(bytes, reference)})`}`,
    );
  }
}

interface ChatTarget {
  name: string;
  url: string;
  pid: number;
  cookie?: string;
  workspaces: string[];
  reference?: string;
}

async function chat(targets: ChatTarget[]) {
  const driver = new Helper('./chat-driver.ts');
  try {
    for (const clients of CHAT_CLIENTS) {
      log(`\nchat:send with acks, ${clients} clients × 2 messages/s, ${ROUNDS} interleaved round(s)`);
      const results = new Map<
        ChatTarget,
        { perSecond: number[]; histogram: Histogram; failed: number; cpu: number[] }
      >(targets.map((target) => [target, { perSecond: [], histogram: new Histogram(), failed: 0, cpu: [] }]));
      for (let round = 0; round < ROUNDS; round++) {
        for (const target of targets) {
          await driver.ask({
            type: 'connect',
            url: target.url,
            cookie: target.cookie,
            workspaces: target.workspaces.slice(0, Math.ceil(clients / 5)),
            clients,
          });
          const cpuBefore = cpuMs(target.pid);
          const result = await driver.ask<{
            ackedInRound: number;
            acked: number;
            failed: number;
            latencies: [number, number][];
          }>({ type: 'run', durationMs: ROUND_MS, rate: 2 });
          const entry = results.get(target)!;
          entry.cpu.push(((cpuMs(target.pid) - cpuBefore) / Math.max(1, result.acked)) * 1000);
          entry.perSecond.push(result.ackedInRound / (ROUND_MS / 1000));
          entry.histogram.merge(result.latencies);
          entry.failed += result.failed;
          await driver.ask({ type: 'disconnect' });
          await sleep(500);
        }
      }
      log('  server              acks/s           p50 ack        p99 ack        CPU ms/1000  failed');
      for (const [target, entry] of results) {
        const reference = target.reference
          ? results.get(targets.find((t) => t.name === target.reference)!)
          : undefined;
        const vs = (value: number, ref: number | undefined) =>
          ref === undefined ? '' : ` (${ratio(value, ref)})`;
        const p50 = entry.histogram.percentile(50);
        const p99 = entry.histogram.percentile(99);
        log(
          `  ${target.name.padEnd(18)}  ${(median(entry.perSecond).toFixed(0) + vs(median(entry.perSecond), reference && median(reference.perSecond))).padEnd(15)}  ` +
            `${(formatMs(p50) + vs(p50, reference?.histogram.percentile(50))).padEnd(13)}  ${(formatMs(p99) + vs(p99, reference?.histogram.percentile(99))).padEnd(13)}  ` +
            `${(median(entry.cpu).toFixed(0) + vs(median(entry.cpu), reference && median(reference.cpu))).padEnd(11)}  ${entry.failed}`,
        );
      }
    }
  } finally {
    driver.stop();
  }
}

/** Server CPU per request of a logged-in page and of GET /api/health, a few at a time. */
async function pages(name: string, server: ServerProcess, supervisor: Caller) {
  const count = quick ? 100 : 300;
  async function measure(path: string, cookie: string | undefined) {
    const cpuBefore = cpuMs(server.pid);
    const started = Date.now();
    const worker = async () => {
      for (let n = 0; n < count / 4; n++) {
        const response = await fetch(server.url + path, { headers: cookie ? { cookie } : {} });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${path} → ${response.status}`);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    return {
      cpu: (cpuMs(server.pid) - cpuBefore) / count,
      perSecond: count / ((Date.now() - started) / 1000),
    };
  }
  await measure('/dashboard', supervisor.cookie); // warm up
  const health = await measure('/api/health', undefined);
  const page = await measure('/dashboard', supervisor.cookie);
  log(
    `  ${name.padEnd(18)}  /dashboard ${page.cpu.toFixed(1)} ms CPU (${page.perSecond.toFixed(0)}/s), ` +
      `/api/health ${health.cpu.toFixed(2)} ms (${health.perSecond.toFixed(0)}/s): ${ratio(page.cpu, health.cpu)}`,
  );
}

async function main() {
  // Only pages need the front end; the live sections run on the API alone.
  if (SECTIONS.has('pages')) ensureWebBuild();
  const cleanups: (() => Promise<void>)[] = [];
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-live-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  try {
    log(
      `bench:live on ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')}${quick ? ' (quick)' : ''}`,
    );
    const stints: {
      name: string;
      server: ServerProcess;
      env: Record<string, string>;
      port: number;
      kind: 'pglite' | 'postgres';
    }[] = [];
    // The embedded default as `npm start` runs it: the demo programme seeded into a fresh database.
    const pgliteEnv = { DATA_DIR: dataDir, SEED: 'true' };
    if (STORES.has('pglite'))
      stints.push({
        name: 'Stint (PGlite)',
        server: await startStint('Stint (PGlite)', pgliteEnv, PORTS.pglite),
        env: pgliteEnv,
        port: PORTS.pglite,
        kind: 'pglite',
      });
    if (process.env.DATABASE_URL && STORES.has('postgres')) {
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      const name = `bench_live_issue9_${process.pid}`;
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(process.env.DATABASE_URL);
      url.pathname = `/${name}`;
      const env = { DATABASE_URL: url.toString() };
      cleanups.push(async () => {
        const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await client.connect();
        await client.query(`drop database if exists ${name} with (force)`);
        await client.end();
      });
      stints.push({
        name: 'Stint (PostgreSQL)',
        server: await startStint('Stint (PostgreSQL)', env, PORTS.postgres),
        env,
        port: PORTS.postgres,
        kind: 'postgres',
      });
    }
    if (stints.length === 0) throw new Error('no Stint to measure: --stores postgres needs DATABASE_URL');
    for (const stint of stints) cleanups.unshift(() => stint.server.stop());
    const yjs = SECTIONS.has('yjs');
    const reference = yjs
      ? await startServer(
          'y-websocket-server',
          ['--import', 'tsx', 'scripts/bench-live/yjs-reference.ts'],
          {},
          PORTS.reference,
          '/',
        )
      : undefined;
    if (reference) cleanups.unshift(() => reference.stop());

    // Without the Yjs section, only the chat's workspaces (five clients each) are needed.
    const maxDocs = yjs
      ? Math.max(...LEVELS.map((level) => level.docs))
      : Math.ceil(Math.max(...CHAT_CLIENTS) / 5);
    const idleDocCount = yjs ? IDLE_DOCS : 0;
    const targets: YjsTarget[] = [];
    const setups = new Map<string, { supervisor: Caller; student: Caller; docs: string[] }>();
    for (const stint of stints) {
      const supervisor = await signUp(stint.server.url, 'supervisor');
      const student = await signUp(stint.server.url, 'student');
      const docs = await createWorkspaces(supervisor, maxDocs + idleDocCount);
      setups.set(stint.name, { supervisor, student, docs });
      targets.push({
        name: stint.name,
        server: stint.server,
        cookie: supervisor.cookie,
        docs: docs.slice(0, maxDocs),
        idleDocs: docs.slice(maxDocs),
      });
    }
    if (reference) {
      const referenceDocs = Array.from(
        { length: maxDocs + IDLE_DOCS },
        (_, n) => `bench-${process.pid}-${n}`,
      );
      targets.splice(1, 0, {
        name: 'y-websocket-server',
        server: reference,
        docs: referenceDocs.slice(0, maxDocs),
        idleDocs: referenceDocs.slice(maxDocs),
        reference: true,
      });
      for (const stint of stints)
        log(`  ${stint.name}: idle RSS after start ${mb(rssBytes(stint.server.pid))}`);
      log(`  y-websocket-server: idle RSS after start ${mb(rssBytes(reference.pid))}`);

      const first = targets[0]!;
      const template = await readDocument(
        first.server.url.replace(/^http/, 'ws'),
        first.cookie!,
        first.idleDocs.at(-1)!,
      );
      const drivers = [new Helper('./yjs-driver.ts'), new Helper('./yjs-driver.ts')];
      try {
        // Before any load, so garbage left by the rounds does not shrink RSS while it is measured.
        await idleDocuments(drivers, targets, template);
        for (const level of LEVELS) await yjsLevel(drivers, targets, level, `Yjs ${level.name}`);
        const burners = [startBurner(), startBurner()];
        try {
          await yjsLevel(
            drivers,
            targets,
            LEVELS[0]!,
            `Yjs ${LEVELS[0]!.name}, machine kept busy (one CPU burner per core)`,
          );
        } finally {
          for (const burner of burners) burner.kill('SIGKILL');
        }
      } finally {
        for (const driver of drivers) driver.stop();
      }
    }

    const chatTargets: ChatTarget[] = [];
    for (const stint of SECTIONS.has('chat') ? stints : []) {
      const setup = setups.get(stint.name)!;
      const port = stint.kind === 'pglite' ? PORTS.chatPglite : PORTS.chatPostgres;
      const chatReference = await startServer(
        `minimal Socket.IO (${stint.kind})`,
        ['--import', 'tsx', 'scripts/bench-live/chat-reference.ts'],
        stint.env,
        port,
        '/socket.io/?EIO=4&transport=polling',
      );
      cleanups.unshift(() => chatReference.stop());
      const referenceName = `minimal (${stint.kind})`;
      chatTargets.push({
        name: stint.name,
        url: stint.server.url,
        pid: stint.server.pid,
        cookie: setup.supervisor.cookie,
        workspaces: setup.docs,
        reference: referenceName,
      });
      chatTargets.push({
        name: referenceName,
        url: chatReference.url,
        pid: chatReference.pid,
        workspaces: setup.docs,
      });
    }
    if (chatTargets.length > 0) {
      const burners = BUSY_CHAT ? [startBurner(), startBurner()] : [];
      try {
        await chat(chatTargets);
      } finally {
        for (const burner of burners) burner.kill('SIGKILL');
      }
    }

    if (SECTIONS.has('pages')) {
      log('\nLogged-in page render vs GET /api/health (server CPU per request, 4 at a time)');
      for (const stint of stints) await pages(stint.name, stint.server, setups.get(stint.name)!.supervisor);
    }

    const pglite = stints.find((stint) => stint.kind === 'pglite');
    if (!pglite || !SECTIONS.has('startup')) return;
    await pglite.server.stop();
    pglite.server = await startStint(pglite.name, pglite.env, pglite.port);
    const student = setups.get(pglite.name)!.student;
    const started = Date.now();
    await student.call('GET', '/api/students/me/matches');
    log(
      `\nStart-up on an existing PGlite database: /api/health answered after ${formatMs(pglite.server.startMs)}; the first GET /api/students/me/matches then took ${formatMs(Date.now() - started)}`,
    );
    if (reference) log(`Reference start-up (y-websocket-server): ${formatMs(reference.startMs)}`);
  } finally {
    for (const cleanup of cleanups)
      await cleanup().catch((error: unknown) => log(`cleanup failed: ${String(error)}`));
  }
}

if (process.argv.includes('--cluster')) await clusterBench({ quick });
else await main();
process.exit(0);
