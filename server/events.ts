import { EventEmitter } from 'node:events';
import type { Notification } from '../shared/live.ts';
import type { CommentThread } from '../shared/schemas/comments.ts';

/**
 * Things services announce and the live layer reacts to (closing a removed member's sockets,
 * pushing a notification). Services emit; they never reach into sockets themselves.
 */
export interface DomainEvents {
  'membership:removed': [{ workspaceId: string; userId: string }];
  'workspace:completed': [{ workspaceId: string }];
  /** A completed workspace was re-opened for a correction: its live connections may write again. */
  'workspace:reopened': [{ workspaceId: string }];
  'notification:created': [{ userId: string; notification: Notification }];
  /** A comment thread on the brief was started or changed; `thread` is null once it is deleted. */
  'comments:changed': [{ workspaceId: string; threadId: string; thread: CommentThread | null }];
  /** A project was created, edited or changed status: the matcher re-reads it. */
  'project:changed': [{ projectId: string }];
  /** A student saved their profile: the matcher re-reads it. */
  'profile:changed': [{ userId: string }];
  /** Students were suggested to a business at `at` (ms): every process counts it for fair exposure. */
  'matches:shown': [{ studentIds: string[]; at: number }];
  /**
   * Sessions of a user ended (logout, password change or reset, sign-out everywhere, suspension,
   * deletion): the live layer closes the Socket.IO and Yjs connections they opened, on every process.
   * `sessionIds` are the ids of the ended session rows, or 'all' for every session of the user.
   */
  'sessions:ended': [{ userId: string; sessionIds: string[] | 'all' }];
  /** Email was written to the outbox and committed: the sender sends it now instead of at its next poll. */
  'mail:queued': [];
}

export class DomainEventBus extends EventEmitter<DomainEvents> {}
