import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Database } from '../../server/db/client.ts';

export type DatabaseTemplate =
  { kind: 'pglite'; directory: string } | { kind: 'postgres'; serverUrl: string; name: string };

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplate: DatabaseTemplate;
  }
}

export function databaseUrlFor(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export interface TestDatabase extends Database {
  /** For PGlite: the data directory (a restarted server can reopen it). */
  dataDir?: string;
  /** For PostgreSQL: the URL of this test's own database. */
  url?: string;
  /** Closes and deletes the copy. */
  destroy(): Promise<void>;
}

/** A fresh, migrated database for one test file: a copy of the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject('databaseTemplate');
  if (template.kind === 'pglite') return createEmbeddedTestDatabase();
  const name = `stint_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(template.serverUrl, `create database "${name}" template "${template.name}"`);
  const url = databaseUrlFor(template.serverUrl, name);
  const database = openPostgres(url);
  return {
    ...database,
    url,
    destroy: async () => {
      await database.close().catch(() => {});
      await adminQuery(template.serverUrl, `drop database if exists "${name}" with (force)`);
    },
  };
}

/**
 * A fresh embedded (PGlite) database whatever the run's template is, for tests of the embedded
 * database itself: a copy of the template on a PGlite run, migrated from nothing on a PostgreSQL run.
 */
export async function createEmbeddedTestDatabase(): Promise<TestDatabase> {
  const template = inject('databaseTemplate');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'stint-test-'));
  if (template.kind === 'pglite') {
    await cp(path.join(template.directory, 'pglite'), path.join(dataDir, 'pglite'), { recursive: true });
  }
  const database = await openPglite(dataDir);
  if (template.kind !== 'pglite') await database.migrate();
  return {
    ...database,
    dataDir,
    destroy: async () => {
      await database.close().catch(() => {});
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
