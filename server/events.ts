import { EventEmitter } from 'node:events';
import type { Notification } from '../shared/live.ts';

/**
 * Things services announce and the live layer reacts to (closing a removed member's sockets,
 * pushing a notification). Services emit; they never reach into sockets themselves.
 */
export interface DomainEvents {
  'membership:removed': [{ workspaceId: string; userId: string }];
  'workspace:completed': [{ workspaceId: string }];
  'notification:created': [{ userId: string; notification: Notification }];
}

export class DomainEventBus extends EventEmitter<DomainEvents> {}
