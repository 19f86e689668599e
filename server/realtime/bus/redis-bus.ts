import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createClient } from 'redis';
import { createAdapter } from '@socket.io/redis-streams-adapter';

type RedisClient = ReturnType<typeof createClient>;
export type BusListener = (message: Buffer) => void;

/** Reconnect quickly at first, then every two seconds at most, for as long as it takes. */
const reconnectStrategy = (retries: number) => Math.min(50 * 2 ** retries, 2000);

/**
 * The processes' shared bus on Redis (node-redis). Three connections: one publishes (it never queues
 * while Redis is away: a message that cannot go now is not sent late, the others catch up from
 * PostgreSQL instead), one subscribes to the channels of what this process holds, and one carries
 * Socket.IO's Redis Streams adapter.
 *
 * After any of them lost Redis, once all are back the bus publishes a `resync` that every process
 * (this one included) answers by catching up from PostgreSQL: receiving it on our own subscriber
 * proves our subscriptions are live again, so nothing can fall between the catch-up and the relay.
 */
export class RedisBus {
  /** Tells this process's messages from the others' (a process ignores its own echo). */
  readonly processId = randomUUID();
  private readonly resyncListeners = new Set<(from: string) => void>();
  private interrupted = false;
  private resyncTimer: NodeJS.Timeout | undefined;

  private constructor(
    readonly prefix: string,
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly adapterClient: RedisClient,
    private readonly logger: Logger,
  ) {
    for (const client of [publisher, subscriber, adapterClient]) {
      client.on('error', (error: Error) => this.lose(error));
      client.on('end', () => this.lose());
      client.on('ready', () => this.maybeResync());
    }
  }

  static async connect(url: string, prefix: string, logger: Logger): Promise<RedisBus> {
    const publisher = createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy } });
    const subscriber = publisher.duplicate();
    const adapterClient = createClient({ url, socket: { reconnectStrategy } });
    const bus = new RedisBus(prefix, publisher, subscriber, adapterClient, logger);
    await Promise.all([publisher.connect(), subscriber.connect(), adapterClient.connect()]);
    await subscriber.subscribe(bus.channel('resync'), (message) => bus.onResyncMessage(message), true);
    bus.interrupted = false;
    return bus;
  }

  channel(name: string): string {
    return `${this.prefix}:${name}`;
  }

  /** Whether every connection to Redis is up; when not, live work stays on this process meanwhile. */
  get connected(): boolean {
    return this.publisher.isReady && this.subscriber.isReady && this.adapterClient.isReady;
  }

  /** Socket.IO's official Redis Streams adapter on this bus's connection and prefix. */
  socketAdapter() {
    return createAdapter(this.adapterClient, {
      streamName: this.channel('socket.io'),
      channelPrefix: this.channel('socket.io'),
      sessionKeyPrefix: this.channel('socket.io:session:'),
    });
  }

  /** Fire and forget: false when Redis is away (the receivers will catch up instead). */
  publish(channel: string, message: Buffer): boolean {
    if (!this.publisher.isReady) {
      this.lose();
      return false;
    }
    this.publisher.publish(channel, message).catch((error: unknown) => this.lose(error));
    return true;
  }

  subscribe(channel: string, listener: BusListener): Promise<void> {
    return this.subscriber.subscribe(channel, listener, true);
  }

  unsubscribe(channel: string, listener: BusListener): Promise<void> {
    return this.subscriber.unsubscribe(channel, listener, true);
  }

  /** Called with the sender's id each time the processes must catch up from PostgreSQL. */
  onResync(listener: (from: string) => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  private lose(error?: unknown): void {
    if (!this.interrupted) {
      this.logger.warn({ err: error }, 'lost Redis: live work stays on this process until it returns');
    }
    this.interrupted = true;
  }

  private maybeResync(): void {
    if (!this.interrupted || this.resyncTimer) return;
    // Retried until it goes out: the subscriber may come back a moment after the publisher.
    this.resyncTimer = setInterval(() => {
      if (!this.connected) return;
      clearInterval(this.resyncTimer);
      this.resyncTimer = undefined;
      this.interrupted = false;
      this.logger.info('Redis is back: asking every process to catch up from PostgreSQL');
      this.publish(this.channel('resync'), Buffer.from(this.processId));
    }, 50);
  }

  private onResyncMessage(message: Buffer): void {
    const from = message.toString();
    for (const listener of this.resyncListeners) listener(from);
  }

  async close(): Promise<void> {
    clearInterval(this.resyncTimer);
    this.resyncListeners.clear();
    await Promise.allSettled(
      [this.publisher, this.subscriber, this.adapterClient].map((client) => client.destroy()),
    );
  }
}
