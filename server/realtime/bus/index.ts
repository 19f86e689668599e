import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import type { DomainEventBus } from '../../events.ts';
import type { LiveDocuments } from '../../services/live/live-documents.ts';
import type { Matchmaker } from '../../services/live/matchmaker.ts';
import { relayDomainEvents } from './cluster-events.ts';
import { DocumentRelay } from './document-relay.ts';
import type { RedisBus } from './redis-bus.ts';

/** What several processes share through Redis; PostgreSQL stays the record. */
export interface LiveBus {
  redis: RedisBus;
  documents: DocumentRelay;
  close(): Promise<void>;
}

/**
 * Connects this process to the others (REDIS_URL): documents follow each other through the relay,
 * domain events reach every process, and after Redis was away the match index is rebuilt and the
 * documents catch up from PostgreSQL.
 */
export async function startLiveBus(options: {
  config: Config & { redisUrl: string };
  db: Db;
  documents: LiveDocuments;
  events: DomainEventBus;
  matchmaker: Matchmaker;
  logger: Logger;
}): Promise<LiveBus> {
  const { config, db, documents, events, matchmaker, logger } = options;
  // Loaded here, not at start-up: one process without REDIS_URL never holds the Redis client and
  // the Socket.IO adapter in memory (about 18 MB).
  const { RedisBus } = await import('./redis-bus.ts');
  const redis = await RedisBus.connect(config.redisUrl, config.redisPrefix, logger);
  const relay = new DocumentRelay(redis, db, documents, logger);
  const stopEvents = relayDomainEvents(redis, events, logger);
  redis.onResync(() => matchmaker.invalidate());
  return {
    redis,
    documents: relay,
    async close() {
      await stopEvents();
      await redis.close();
    },
  };
}

/** The `bus` part of /api/health. */
export function busHealth(bus: LiveBus | undefined) {
  if (!bus) return { bus: 'none' as const };
  if (bus.redis.connected) return { bus: 'redis' as const, busConnected: true };
  return {
    bus: 'redis' as const,
    busConnected: false,
    degraded:
      'Redis is unreachable: edits are stored and relayed to this process’s clients only; the other processes catch up from PostgreSQL when it returns.',
  };
}
