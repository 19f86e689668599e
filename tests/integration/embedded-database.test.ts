import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../server/db/sql-rows.ts';
import { createEmbeddedTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Both CI passes run these: they open an embedded database even when the run's is PostgreSQL.
describe('the embedded database runs off the event loop', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database: await createEmbeddedTestDatabase() });
  });
  afterAll(() => server.stop());

  it('keeps the event loop free while PGlite runs a long query', async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const result = await queryRows(
      server.database.db,
      sql`select sum(a.x::bigint * b.x) as s from generate_series(1, 2500) a(x), generate_series(1, 2500) b(x)`,
    );
    const queryMs = performance.now() - started;
    delay.disable();
    expect(result).toEqual([{ s: '9773439062500' }]);
    // Long enough that a blocked loop would show: on the main thread the loop stood still for
    // all of it.
    expect(queryMs).toBeGreaterThan(500);
    expect(delay.max / 1e6).toBeLessThan(queryMs / 2);
  });

  it('answers /api/health within 200 ms while writes run', async () => {
    const { db } = server.database;
    await db.execute(sql`create table if not exists write_load (id serial primary key, body text)`);
    let writing = true;
    let rows = 0;
    // On the main thread PGlite answered each statement without ever yielding to I/O, so a
    // writer like this one kept every request waiting until it stopped.
    const writer = (async () => {
      while (writing) {
        await db.transaction(async (tx) => {
          await tx.execute(
            sql`insert into write_load (body) select repeat('x', 200) from generate_series(1, 20)`,
          );
        });
        rows += 20;
      }
    })();

    const health: number[] = [];
    const started = performance.now();
    while (performance.now() - started < 3_000) {
      const sent = performance.now();
      const response = await fetch(`${server.url}/api/health`);
      expect(response.status).toBe(200);
      health.push(performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const rowsDuring = rows;
    writing = false;
    await writer;

    expect(rowsDuring).toBeGreaterThan(100);
    expect(health.length).toBeGreaterThanOrEqual(10);
    const sorted = [...health].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(200);
  });

  it('runs transactions one at a time while other queries wait their turn', async () => {
    const { db } = server.database;
    await db.execute(sql`create table if not exists tx_probe (n int)`);
    const inside = db.transaction(async (tx) => {
      await tx.execute(sql`insert into tx_probe values (1)`);
      await tx.execute(sql`select pg_sleep(0.3)`);
      await tx.execute(sql`insert into tx_probe values (2)`);
      throw new Error('roll back');
    });
    // Issued while the transaction is open: it must not see, or join, the transaction's rows.
    const outside = queryRows(db, sql`select count(*)::int as n from tx_probe`);
    await expect(inside).rejects.toThrow('roll back');
    expect(await outside).toEqual([{ n: 0 }]);
    expect(await queryRows(db, sql`select count(*)::int as n from tx_probe`)).toEqual([{ n: 0 }]);
  });
});

describe('when the embedded database thread dies', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createEmbeddedTestDatabase();
    await database.close();
  });
  afterAll(() => database.destroy());

  it('the process exits 1 and says why instead of waiting forever', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/fixtures/embedded-database/lose-worker.ts', database.dataDir!],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`still running after 20 s:\n${output}`)), 20_000);
      child.once('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    expect(output).toContain('open');
    expect(output).toMatch(/embedded database stopped unexpectedly \(worker exited with code 1\)/);
    expect(output).not.toContain('still running');
    expect(code).toBe(1);
  });

  it('a caller that handles the loss sees its pending query fail', async () => {
    const { openPglite } = await import('../../server/db/client.ts');
    let lost: Error | undefined;
    const reopened = await openPglite(database.dataDir!, { onLost: (error) => (lost = error) });
    const failure = queryRows(reopened.db, sql`select pg_sleep(5)`).then(
      () => undefined,
      (error: Error) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await reopened.thread.worker.terminate();
    // pg reports the connection it lost ("Connection terminated unexpectedly"); the callback says why.
    expect(await failure).toBeInstanceOf(Error);
    expect(lost?.message).toMatch(/embedded database stopped unexpectedly/);
    // A query asked afterwards fails at once instead of waiting for a thread that is gone.
    const later = await queryRows(reopened.db, sql`select 1`).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(String((later?.cause as Error | undefined)?.message)).toMatch(
      /embedded database stopped unexpectedly/,
    );
  });
});
