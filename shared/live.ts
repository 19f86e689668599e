import type { ApiErrorBody } from './errors.ts';
import type { ChatMessage } from './schemas/chat.ts';
import type { CommentThread } from './schemas/comments.ts';
import type { WorkspaceRole } from './workspace-roles.ts';

/**
 * The live contract: Socket.IO events both ways, and the close codes of the Yjs WebSocket. Server
 * and web import these types, so the two ends cannot drift apart.
 */

export type Ack<T> = (response: ({ ok: true } & T) | ({ ok: false } & ApiErrorBody)) => void;

export interface PresentPerson {
  userId: string;
  name: string;
  role: WorkspaceRole;
}

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  /** The page the notification is about. */
  link: string;
  createdAt: string;
  readAt: string | null;
}

export interface ClientToServerEvents {
  'workspace:join': (
    input: { workspaceId: string },
    ack: Ack<{
      history: ChatMessage[];
      hasMore: boolean;
      presence: PresentPerson[];
      role: WorkspaceRole;
      unread: number;
    }>,
  ) => void;
  'workspace:leave': (input: { workspaceId: string }, ack?: Ack<object>) => void;
  'chat:send': (
    input: { workspaceId: string; body: string; clientId: string },
    ack: Ack<{ message: ChatMessage }>,
  ) => void;
  'chat:history': (
    input: { workspaceId: string; before?: number },
    ack: Ack<{ items: ChatMessage[]; hasMore: boolean }>,
  ) => void;
  'chat:typing': (input: { workspaceId: string; typing: boolean }) => void;
  'chat:read': (input: { workspaceId: string; seq: number }, ack?: Ack<{ unread: number }>) => void;
}

export interface ServerToClientEvents {
  'chat:message': (message: ChatMessage) => void;
  'chat:typing': (event: { workspaceId: string; userId: string; name: string; typing: boolean }) => void;
  'presence:update': (event: { workspaceId: string; people: PresentPerson[] }) => void;
  /** You were removed from a workspace (or it was deleted): drop it from view. */
  'workspace:removed': (event: { workspaceId: string }) => void;
  notification: (notification: Notification) => void;
  /** A comment thread on the brief as it is now; `thread` is null once it was deleted. */
  'comment:thread': (event: { workspaceId: string; threadId: string; thread: CommentThread | null }) => void;
}

/** Close codes of the Yjs WebSocket (4000–4999 are ours to define). */
export const YJS_CLOSE = {
  /** A frame that is not a valid y-websocket message, or an update that does not decode. */
  malformedMessage: 4400,
  /** Your membership was removed while connected. */
  membershipRevoked: 4403,
  /** The session that opened the connection ended (logout, password change, suspension). */
  sessionEnded: 4401,
  /** The connection sent frames (or sync requests) faster than its budget in shared/limits.ts. */
  tooManyMessages: 4429,
  /** Awareness for a client id another connection introduced, or with an impossible clock. */
  awarenessNotYours: 4409,
  /** The client stopped reading: more unsent data piled up than YJS_SEND_BUFFER_LIMIT_BYTES. */
  sendBufferFull: 4413,
  /** ws closes with this itself when a frame exceeds MAX_YJS_MESSAGE_BYTES. */
  messageTooBig: 1009,
  /** The server is shutting down. */
  goingAway: 1001,
  /** An update could not be stored (after retries); the client reconnects and sends it again. */
  storageUnavailable: 1011,
} as const;

/**
 * Message types of the y-websocket protocol (the first varuint of every frame), as y-websocket's
 * own client writes them; the server and the web client read and write them from here.
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
