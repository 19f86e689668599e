import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../../server/db/client.ts';
import { adminQuery, databaseUrlFor, type DatabaseTemplate } from './database.ts';

/**
 * Migrates one template database for the whole run; each test file starts from a copy of it
 * (a copied PGlite directory, or `CREATE DATABASE … TEMPLATE` on PostgreSQL), which is far faster
 * than migrating a fresh database per file.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `stint_tpl_${process.pid}_${Date.now()}`;
    await adminQuery(serverUrl, `create database "${name}"`);
    const database = openPostgres(databaseUrlFor(serverUrl, name));
    await database.migrate();
    await database.close();
    project.provide('databaseTemplate', { kind: 'postgres', serverUrl, name } satisfies DatabaseTemplate);
    return async () => {
      await adminQuery(serverUrl, `drop database if exists "${name}" with (force)`);
    };
  }
  const directory = await mkdtemp(path.join(os.tmpdir(), 'stint-template-'));
  const database = await openPglite(directory);
  await database.migrate();
  await database.close();
  project.provide('databaseTemplate', { kind: 'pglite', directory } satisfies DatabaseTemplate);
  return async () => {
    await rm(directory, { recursive: true, force: true });
  };
}
