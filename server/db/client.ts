import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { startPgliteThread, type PgliteThread } from './pglite-thread.ts';
import * as schema from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; services take `Db | Tx` where they can run inside a caller's transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DbKind;
  /** Applies the committed migrations; safe to call from several processes at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * PGlite starts PostgreSQL with its stock 128 MB buffer pool, which the WebAssembly heap touches
 * at start-up: about 130 MB of resident memory before the first query, for an embedded database of
 * a few megabytes. Pages not in the pool are read back from the files in `<dataDir>/pglite` (the
 * operating system's cache keeps them warm), so a small pool costs little.
 */
const PGLITE_BUFFER_POOL = '16MB';

export interface EmbeddedDatabase extends Database {
  /** The thread PGlite runs on. */
  thread: PgliteThread;
}

/**
 * Opens the embedded PGlite database kept in `<dataDir>/pglite`, creating it when missing. PGlite
 * runs on its own worker thread (`pglite-thread.ts`) and is reached like PostgreSQL, through a
 * `pg` pool and Drizzle's node-postgres driver; `onLost` is told if that thread dies (by default
 * the process exits 1 with the reason).
 */
export async function openPglite(
  dataDir: string,
  options: { onLost?: (error: Error) => void } = {},
): Promise<EmbeddedDatabase> {
  const directory = path.resolve(dataDir, 'pglite');
  await mkdir(directory, { recursive: true });
  const thread = await startPgliteThread({
    directory,
    settings: ['-c', `shared_buffers=${PGLITE_BUFFER_POOL}`],
    onLost: options.onLost,
  });
  return {
    db: drizzlePostgres({ client: thread.pool, schema }) as unknown as Db,
    kind: 'pglite',
    thread,
    // One process owns an embedded database, so no lock is needed around its migrations.
    migrate: () =>
      migratePostgres(drizzlePostgres({ client: thread.pool }), { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => thread.close(),
  };
}

export function openPostgres(databaseUrl: string): Database {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // An idle client losing its connection must not take the process down; the pool replaces it.
  pool.on('error', () => {});
  return {
    db: drizzlePostgres({ client: pool, schema }) as unknown as Db,
    kind: 'postgres',
    migrate: () => migratePostgresOnce(databaseUrl),
    close: () => pool.end(),
  };
}

export async function openDatabase(options: {
  dataDir: string;
  databaseUrl?: string | undefined;
}): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}

/**
 * Several processes may start at once against one server; an advisory lock held on one
 * connection for the whole run makes them take turns instead of racing on the same DDL.
 */
async function migratePostgresOnce(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(7201436)');
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.end();
  }
}
