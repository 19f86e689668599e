import { createServer, type Server } from 'node:http';
import express from 'express';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { AppContext } from './context.ts';
import { createLogger } from './logger.ts';
import { DomainEventBus } from './events.ts';
import { LiveDocuments } from './services/live/live-documents.ts';
import { Matchmaker } from './services/live/matchmaker.ts';
import { RecordWorkers } from './portfolio/workers/pool.ts';
import { RateLimiter } from './services/accounts/rate-limits.ts';
import { getOrCreateInstanceSecret } from './db/instance-secrets.ts';
import { apiRouter } from './http/api.ts';
import { authenticate } from './http/middleware/authenticate.ts';
import { requestLog } from './http/middleware/request-log.ts';
import { securityHeaders } from './http/middleware/security.ts';
import { attachRealtime } from './realtime/index.ts';
import { startLiveBus } from './realtime/bus/index.ts';
import { loadWebHandler } from './web-handler.ts';
import { MailSender } from './mail/sender.ts';
import { createMailTransport } from './mail/transport.ts';
import { startReminderJob } from './services/accounts/reminders.ts';

/** How long an idle HTTP keep-alive connection stays open (Node's default is 5 s). */
const KEEP_ALIVE_MS = 65_000;

export interface StintServer extends Server {
  /** Stops accepting connections, closes live sockets and waits for pending writes. */
  shutdown(): Promise<void>;
  /**
   * Builds what the first requests would otherwise wait for (the match index), in the background.
   * `npm start` calls it once listening; a request that needs it meanwhile waits for that same build.
   */
  warmUp(): void;
  /** The Express app behind it, for tests that inspect its routes. */
  expressApp: express.Express;
  /** The domain events of this process (tests run scheduled jobs with a controlled clock). */
  events: DomainEventBus;
}

export interface AppOptions {
  config: Config;
  db: Database;
  logger?: Logger;
  /** Serve the SvelteKit build (default) or leave pages out (API-only tests, the Vite dev server). */
  web?: boolean;
}

export async function buildContext({ config, db, logger }: AppOptions): Promise<AppContext> {
  const secret = config.sessionSecret ?? (await getOrCreateInstanceSecret(db.db, 'session'));
  const log = logger ?? createLogger(config.logLevel);
  const events = new DomainEventBus();
  const documents = new LiveDocuments(db.db, log);
  const matchmaker = new Matchmaker(db.db, events, log);
  const { redisUrl } = config;
  const bus = redisUrl
    ? await startLiveBus({
        config: { ...config, redisUrl },
        db: db.db,
        documents,
        events,
        matchmaker,
        logger: log,
      })
    : undefined;
  return {
    config,
    db: db.db,
    dbKind: db.kind,
    sessionKeys: { secret },
    logger: log,
    events,
    documents,
    matchmaker,
    ...(bus ? { bus } : {}),
    mail: new MailSender({
      db: db.db,
      transport: createMailTransport(config.mail, config.dataDir),
      config: config.mail,
      logger: log,
      origin: () => config.publicOrigin ?? `http://localhost:${config.port}`,
    }),
    rateLimiter: new RateLimiter(db.db, config.rateLimits),
    workers: new RecordWorkers(),
  };
}

/** The Express app alone: /api routers, then (optionally) the SvelteKit pages. */
export async function createExpressApp(context: AppContext, serveWeb: boolean) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', context.config.trustProxy);
  app.use(requestLog(context.logger));
  app.use(securityHeaders);
  app.use(authenticate(context));
  app.use('/api', apiRouter(context));
  if (serveWeb) app.use(await loadWebHandler());
  return app;
}

/**
 * Builds the whole of Stint on one http server (API, pages, Socket.IO, Yjs) without listening, so
 * `npm start` and the tests (port 0) run exactly the same thing.
 */
export async function createApp(options: AppOptions): Promise<StintServer> {
  const context = await buildContext(options);
  const app = await createExpressApp(context, options.web ?? true);
  const server = createServer(app);
  // Behind a load balancer the balancer must close idle keep-alive connections before the process
  // does, or a request it sends at that instant is lost (a 502); deploy/haproxy.cfg keeps them 30 s.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1000;
  const realtime = attachRealtime(server, context);
  context.mail.setOrigin(() => context.config.publicOrigin ?? listeningOrigin(server, context.config.port));
  context.mail.start(context.events);
  const stopReminders =
    context.config.reminders.intervalMs > 0
      ? startReminderJob({
          db: context.db,
          events: context.events,
          intervalMs: context.config.reminders.intervalMs,
          digestHour: context.config.reminders.digestHour,
          onError: (error) => context.logger.error({ err: error }, 'reminders job failed'),
        })
      : () => {};

  let stopping: Promise<void> | undefined;
  const shutdown = () => {
    stopping ??= (async () => {
      stopReminders();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await realtime.close();
      server.closeAllConnections();
      await closed;
      await context.mail.stop();
      await context.bus?.close();
      await context.workers.close();
    })();
    return stopping;
  };
  const warmUp = () => context.matchmaker.warm();
  return Object.assign(server, { shutdown, warmUp, expressApp: app, events: context.events });
}

function listeningOrigin(server: Server, fallbackPort: number): string {
  const address = server.address();
  return `http://localhost:${typeof address === 'object' && address ? address.port : fallbackPort}`;
}
