import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Db, DbKind } from './db/client.ts';
import type { SessionKeys } from './auth/sessions.ts';
import type { DomainEventBus } from './events.ts';
import type { LiveDocuments } from './services/live/live-documents.ts';
import type { Matchmaker } from './services/live/matchmaker.ts';
import type { LiveBus } from './realtime/bus/index.ts';
import type { MailSender } from './mail/sender.ts';
import type { RateLimiter } from './services/accounts/rate-limits.ts';
import type { RecordWorkers } from './portfolio/workers/pool.ts';

/** What every router and live handler is given: built once in createApp, never module state. */
export interface AppContext {
  config: Config;
  db: Db;
  dbKind: DbKind;
  sessionKeys: SessionKeys;
  logger: Logger;
  events: DomainEventBus;
  /** Workspace documents open in this process. */
  documents: LiveDocuments;
  /** The explainable matcher's index for this process. */
  matchmaker: Matchmaker;
  /** Set when REDIS_URL is: the bus the processes share the live work through. */
  bus?: LiveBus;
  /** Sends the email outbox after commit; started by createApp. */
  mail: MailSender;
  /** The rate limits, counted in the database so every process shares them. */
  rateLimiter: RateLimiter;
  /** Worker threads for PDFs and credential checks, off the event loop. */
  workers: RecordWorkers;
}
