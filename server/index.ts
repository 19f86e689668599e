import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { createLogger } from './logger.ts';
import { upsertAdmin } from './services/accounts/accounts.ts';
import { formatDemoLogins, isDatabaseEmpty, seedDemoProgramme } from './demo/seed.ts';

/**
 * Starts Stint: config → database (migrated) → optional admin and demo data → one http server.
 * SIGTERM/SIGINT stop it cleanly so PGlite's files are left consistent.
 */
export async function start(env: Record<string, string | undefined> = process.env) {
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel);
  // The database starts (PGlite compiles and boots its WebAssembly) while the rest of the server's
  // modules load, instead of after them.
  const [database, { createApp }] = await Promise.all([openDatabase(config), import('./app.ts')]);
  await database.migrate();
  if (config.admin) await upsertAdmin(database.db, config.admin);
  if (config.seed && database.kind === 'pglite' && (await isDatabaseEmpty(database.db))) {
    const demo = await seedDemoProgramme(database.db, config);
    logger.info('seeded the demo programme');
    process.stdout.write(formatDemoLogins(demo.logins));
  }

  const server = await createApp({ config, db: database, logger });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, db: database.kind }, `Stint is running on http://localhost:${port}`);
  // Serving already; what is slow to build is built now, in the background, rather than by the
  // first request that needs it.
  setImmediate(() => server.warmUp());

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    await server.shutdown();
    await database.close();
    clearTimeout(force);
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  return { server, database, config };
}

/** Starts Stint from a command line: a bad setting prints one line and exits 1. */
export function main(): void {
  start().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(
        `Stint could not start: ${error instanceof Error ? error.stack : String(error)}\n`,
      );
    }
    process.exit(1);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) main();
