import type { Server as HttpServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connect } from 'vite';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { buildContext, createExpressApp } from './app.ts';
import { attachRealtime } from './realtime/index.ts';
import { formatDemoLogins, isDatabaseEmpty, seedDemoProgramme } from './services/demo-seed.ts';

/** Used by the Vite plugin in web/vite.config.ts: the same API and live layer on Vite's server. */
export async function attachToDevServer(httpServer: HttpServer, middlewares: Connect.Server) {
  const loaded = loadConfig();
  // Vite runs from web/; a relative DATA_DIR still means the repository's ./data, as with npm start.
  const config = {
    ...loaded,
    dataDir: path.resolve(fileURLToPath(new URL('..', import.meta.url)), loaded.dataDir),
  };
  const database = await openDatabase(config);
  await database.migrate();
  if (config.seed && database.kind === 'pglite' && (await isDatabaseEmpty(database.db))) {
    process.stdout.write(formatDemoLogins((await seedDemoProgramme(database.db, config)).logins));
  }
  const context = await buildContext({ config, db: database });
  const app = await createExpressApp(context, false);
  middlewares.use(app);
  const realtime = attachRealtime(httpServer, context);
  context.mail.start(context.events);
  httpServer.once(
    'close',
    () =>
      void realtime
        .close()
        .then(() => context.mail.stop())
        .then(() => database.close()),
  );
}
