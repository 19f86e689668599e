/**
 * `npm run bench:live -- --cluster`: one Stint process against two behind HAProxy
 * (deploy/haproxy.cfg), on one PostgreSQL server and Redis. The same y-websocket drivers connect
 * through the balancer, so the editors of every document are spread over both processes (round
 * robin), and each edit a peer receives from the other process crossed PostgreSQL and Redis.
 * Rounds are interleaved (1, 2, 1, 2 …).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { launchCluster, type Cluster } from '../cluster/launch.ts';
import { Histogram, cpuMs, formatMs, median, ratio, sleep } from './measure.ts';
import { Helper } from './processes.ts';
import { createWorkspaces, signUp } from './stint-setup.ts';
import type { DriverResult } from './yjs-driver.ts';

const log = (line = '') => process.stdout.write(`${line}\n`);

interface Target {
  name: string;
  cluster: Cluster;
  cookie: string;
  docs: string[];
  rounds: { perSecond: number; cpuPer1000: number; undelivered: number; histogram: Histogram }[];
}

export async function clusterBench(options: { quick: boolean }) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('--cluster needs DATABASE_URL (a PostgreSQL server)');
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const rounds = options.quick ? 1 : 3;
  const roundMs = options.quick ? 6_000 : 12_000;
  const level = { docs: 100, editors: 5, rate: 4 };

  const name = `stint_bench10_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const targets: Target[] = [];
  const clusters: Cluster[] = [];
  const drivers = [new Helper('./yjs-driver.ts'), new Helper('./yjs-driver.ts')];
  try {
    const env = { DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' };
    const one = await launchCluster({ processes: 1, port: 42100, firstProcessPort: 42101, env });
    clusters.push(one);
    const two = await launchCluster({
      processes: 2,
      port: 42200,
      firstProcessPort: 42201,
      env: { ...env, REDIS_URL: redisUrl, REDIS_PREFIX: `stint-bench-${randomUUID().slice(0, 8)}` },
    });
    clusters.push(two);
    for (const [label, cluster] of [
      ['1 process', one],
      ['2 processes', two],
    ] as const) {
      const supervisor = await signUp(cluster.url, 'supervisor');
      targets.push({
        name: label,
        cluster,
        cookie: supervisor.cookie,
        docs: await createWorkspaces(supervisor, level.docs),
        rounds: [],
      });
    }
    for (let round = 0; round < rounds; round++) {
      for (const target of targets) {
        const wsUrl = target.cluster.wsUrl;
        await Promise.all(
          drivers.map((driver, index) =>
            driver.ask({
              type: 'connect',
              url: wsUrl,
              cookie: target.cookie,
              docs: target.docs.filter((_, n) => n % drivers.length === index),
              editors: level.editors,
            }),
          ),
        );
        const pids = target.cluster.processes.map((p) => p.child.pid!);
        const cpuBefore = pids.map(cpuMs);
        const results = await Promise.all(
          drivers.map((driver) =>
            driver.ask<DriverResult>({ type: 'run', durationMs: roundMs, rate: level.rate, drainMs: 45_000 }),
          ),
        );
        const cpu = pids.reduce((sum, pid, i) => sum + cpuMs(pid) - cpuBefore[i]!, 0);
        await Promise.all(drivers.map((driver) => driver.ask({ type: 'disconnect' })));
        const histogram = new Histogram();
        for (const result of results) histogram.merge(result.latencies);
        const sum = (pick: (r: DriverResult) => number) => results.reduce((t, r) => t + pick(r), 0);
        target.rounds.push({
          perSecond: sum((r) => r.deliveredInRound) / (roundMs / 1000),
          cpuPer1000:
            (cpu /
              Math.max(
                1,
                sum((r) => r.delivered),
              )) *
            1000,
          undelivered: Math.max(0, sum((r) => r.expected) - sum((r) => r.delivered)),
          histogram,
        });
        await sleep(1000);
      }
    }
    const offered = level.docs * level.editors * level.rate * (level.editors - 1);
    log(
      `\nCluster: ${level.docs} docs × ${level.editors} editors × ${level.rate}/s through HAProxy, offered ≈${offered} deliveries/s, ${rounds} interleaved round(s) of ${roundMs / 1000} s`,
    );
    log(
      '  target        deliveries/s       p50              p99              CPU ms/1000 (all processes)  undelivered',
    );
    const [reference] = targets;
    for (const target of targets) {
      const histogram = new Histogram();
      for (const r of target.rounds) histogram.merge([...r.histogram.counts]);
      const refHistogram = new Histogram();
      for (const r of reference!.rounds) refHistogram.merge([...r.histogram.counts]);
      const perSecond = median(target.rounds.map((r) => r.perSecond));
      const vs = (value: number, ref: number) => (target === reference ? '' : ` (${ratio(value, ref)})`);
      const p50 = histogram.percentile(50);
      const p99 = histogram.percentile(99);
      log(
        `  ${target.name.padEnd(12)}  ${(perSecond.toFixed(0) + vs(perSecond, median(reference!.rounds.map((r) => r.perSecond)))).padEnd(17)}  ` +
          `${(formatMs(p50) + vs(p50, refHistogram.percentile(50))).padEnd(15)}  ${(formatMs(p99) + vs(p99, refHistogram.percentile(99))).padEnd(15)}  ` +
          `${median(target.rounds.map((r) => r.cpuPer1000))
            .toFixed(0)
            .padEnd(28)}  ${target.rounds.reduce((s, r) => s + r.undelivered, 0)}`,
      );
    }
  } finally {
    for (const driver of drivers) driver.stop();
    for (const cluster of clusters) await cluster.stop().catch(() => {});
    await admin.query(`drop database if exists "${name}" with (force)`).catch(() => {});
    await admin.end();
  }
}
