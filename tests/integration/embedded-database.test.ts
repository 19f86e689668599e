import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { queryRows } from '../../server/db/sql-rows.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const embedded = inject('databaseTemplate').kind === 'pglite';

describe.skipIf(!embedded)('the embedded database runs off the event loop', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('answers /api/health and keeps the loop free while PGlite runs a long query', async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    let done = false;
    const query = queryRows(
      server.database.db,
      sql`select sum(a.x::bigint * b.x) as s from generate_series(1, 1500) a(x), generate_series(1, 1500) b(x)`,
    ).finally(() => (done = true));

    const health: number[] = [];
    while (!done) {
      const sent = performance.now();
      const response = await fetch(`${server.url}/api/health`);
      expect(response.status).toBe(200);
      if (!done) health.push(performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const result = await query;
    const queryMs = performance.now() - started;
    delay.disable();

    expect(result).toEqual([{ s: '1267313062500' }]);
    // The query must be long enough that a blocked loop would show: on the main thread every
    // health request made during it waited for all of it.
    expect(queryMs).toBeGreaterThan(800);
    expect(health.length).toBeGreaterThanOrEqual(4);
    const sorted = [...health].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(200);
    expect(sorted.at(-1)).toBeLessThan(queryMs / 2);
    expect(delay.max / 1e6).toBeLessThan(queryMs / 2);
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

describe.skipIf(!embedded)('when the embedded database thread dies', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
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
    const pending = reopened.db.execute(sql`select pg_sleep(5)`);
    await reopened.thread.worker.terminate();
    await expect(pending).rejects.toThrow(/embedded database stopped unexpectedly/);
    expect(lost?.message).toMatch(/embedded database stopped unexpectedly/);
  });
});
