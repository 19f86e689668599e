import type { Server as HttpServer } from 'node:http';
import express from 'express';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connect } from 'vite';
import { loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/client.ts';
import { buildContext, createExpressApp } from './app.ts';
import { attachRealtime } from './realtime/index.ts';
import { startReminderJob } from './services/accounts/reminders.ts';
import { emailPreviewRouter } from './mail/preview.ts';
import { formatDemoLogins, isDatabaseEmpty, seedDemoProgramme } from './demo/seed.ts';

/** Used by the Vite plugin in web/vite.config.ts: the same API and live layer on Vite's server. */
export async function attachToDevServer(httpServer: HttpServer, middlewares: Connect.Server) {
  const loaded = loadConfig();
  // Vite runs from web/; a relative DATA_DIR still means the repository's ./data, as with npm start.
  const config = {
    ...loaded,
    dataDir: path.resolve(fileURLToPath(new URL('..', import.meta.url)), loaded.dataDir),
  };
  const stopCatcher = config.mail.smtpUrl ? async () => {} : await startMailCatcher(config);
  const database = await openDatabase(config);
  await database.migrate();
  if (config.seed && database.kind === 'pglite' && (await isDatabaseEmpty(database.db))) {
    process.stdout.write(formatDemoLogins((await seedDemoProgramme(database.db, config)).logins));
  }
  const context = await buildContext({ config, db: database });
  const app = await createExpressApp(context, false);
  // Development only: every email rendered with sample data, at /dev/emails.
  const preview = express();
  preview.use(emailPreviewRouter(() => config.publicOrigin ?? `http://localhost:${config.port}`));
  middlewares.use('/dev/emails', preview);
  middlewares.use(app);
  const realtime = attachRealtime(httpServer, context);
  context.mail.start(context.events);
  const stopReminders = startReminderJob({
    db: context.db,
    events: context.events,
    intervalMs: config.reminders.intervalMs || 15 * 60 * 1000,
    digestHour: config.reminders.digestHour,
    onError: (error) => context.logger.error({ err: error }, 'reminders job failed'),
  });
  httpServer.once(
    'close',
    () =>
      void realtime
        .close()
        .then(() => stopReminders())
        .then(() => context.mail.stop())
        .then(() => stopCatcher())
        .then(() => database.close()),
  );
}

/**
 * With no SMTP_URL, `npm run dev` catches every email in a local MailDev (its web inbox at
 * http://127.0.0.1:1080, SMTP on 1025; MAILDEV_WEB_PORT / MAILDEV_SMTP_PORT change them). If it
 * cannot start (a port is taken), mail goes to DATA_DIR/outbox as .eml files, as with `npm start`.
 */
async function startMailCatcher(config: Config): Promise<() => Promise<void>> {
  const smtp = Number(process.env.MAILDEV_SMTP_PORT ?? 1025);
  const web = Number(process.env.MAILDEV_WEB_PORT ?? 1080);
  try {
    const { MailDev } = await import('maildev');
    const catcher = new MailDev({ smtp, web, ip: '127.0.0.1', webIp: '127.0.0.1', silent: true });
    await catcher.start();
    config.mail = { ...config.mail, smtpUrl: `smtp://127.0.0.1:${smtp}` };
    process.stdout.write(`Emails are caught by MailDev: open http://127.0.0.1:${web} to read them.\n`);
    return () => catcher.stop();
  } catch (error) {
    process.stdout.write(
      `MailDev did not start (${error instanceof Error ? error.message : String(error)}); emails go to ${path.join(config.dataDir, 'outbox')} as .eml files.\n`,
    );
    return async () => {};
  }
}
