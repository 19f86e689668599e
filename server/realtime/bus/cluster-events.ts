import type { Logger } from 'pino';
import type { DomainEventBus, DomainEvents } from '../../events.ts';
import type { RedisBus } from './redis-bus.ts';

/**
 * Domain events every process must react to on its own connections and its own memory: a removed
 * member's sockets, the freeze at completion and the thaw at re-opening, ended sessions, the match index and exposure counts.
 * (Notifications need no relay: Socket.IO's adapter already delivers `user:<id>` rooms everywhere.)
 */
export const CLUSTER_EVENTS = [
  'membership:removed',
  'workspace:completed',
  'workspace:reopened',
  'sessions:ended',
  'project:changed',
  'profile:changed',
  'matches:shown',
] as const satisfies readonly (keyof DomainEvents)[];

type ClusterEvent = (typeof CLUSTER_EVENTS)[number];

/**
 * Publishes the local emissions of CLUSTER_EVENTS on one channel and re-emits the other processes'
 * on the local bus, so services and the live layer listen exactly as they do with one process.
 * A re-emitted event is not published again.
 */
export function relayDomainEvents(
  bus: RedisBus,
  events: DomainEventBus,
  logger: Logger,
): () => Promise<void> {
  const channel = bus.channel('events');
  let replaying = false;
  const unsubscribers: (() => void)[] = [];

  for (const name of CLUSTER_EVENTS) {
    const forward = (payload: DomainEvents[ClusterEvent][0]) => {
      if (replaying) return;
      bus.publish(channel, Buffer.from(JSON.stringify({ from: bus.processId, name, payload })));
    };
    events.on(name, forward as never);
    unsubscribers.push(() => events.off(name, forward as never));
  }

  const receive = (raw: Buffer) => {
    let message: { from: string; name: ClusterEvent; payload: unknown };
    try {
      message = JSON.parse(raw.toString()) as typeof message;
    } catch {
      return;
    }
    if (message.from === bus.processId || !CLUSTER_EVENTS.includes(message.name)) return;
    replaying = true;
    try {
      (events.emit as (name: string, payload: unknown) => boolean)(message.name, message.payload);
    } catch (error) {
      logger.error({ err: error, event: message.name }, 'a relayed domain event failed');
    } finally {
      replaying = false;
    }
  };
  const subscribed = bus.subscribe(channel, receive);
  return async () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
    await subscribed.catch(() => {});
    await bus.unsubscribe(channel, receive).catch(() => {});
  };
}
