import type { Server, Socket } from 'socket.io';
import type { AppContext } from '../../context.ts';
import {
  allows,
  authorize,
  type RuleName,
  type WorkspaceAccess,
  type WorkspaceRuleName,
} from '../../auth/permissions.ts';
import { getWorkspaceAccess } from '../../services/workspace/workspaces.ts';
import { countUnread, listMessages, markRead, postMessage } from '../../services/workspace/chat.ts';
import { notifyMentions } from '../../services/workspace/mentions.ts';
import type { ClientToServerEvents, PresentPerson, ServerToClientEvents } from '../../../shared/live.ts';
import {
  chatHistoryInput,
  joinWorkspaceInput,
  markReadInput,
  sendChatInput,
  typingInput,
} from '../../../shared/schemas/chat.ts';
import type { SocketData } from './socket-data.ts';
import { handleEvent } from './handlers.ts';

type StintIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type StintSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * The rule each client event is authorized by. `chat:typing` and `chat:send` are checked against
 * the access the socket joined with (no database trip per keystroke or message): what can take
 * that access away — a removal, the completion, an ended session — reaches every process as a
 * domain event that updates or closes the socket (`expelMember`, `setJoinedStatus`,
 * `disconnectSessions`), and after Redis was away it is re-read from the database. When the joined
 * access does not allow the event, the database decides. The others are checked against the
 * database every time.
 */
export const SOCKET_EVENT_RULES = {
  'workspace:join': 'viewWorkspace',
  'workspace:leave': 'signedIn',
  'chat:send': 'chat',
  'chat:history': 'viewWorkspace',
  'chat:read': 'viewWorkspace',
  'chat:typing': 'chat',
} as const satisfies Record<keyof ClientToServerEvents, RuleName>;

export const workspaceRoom = (workspaceId: string) => `workspace:${workspaceId}`;

/**
 * How long presence waits for the other processes. A process killed a moment ago still counts as a
 * member of the cluster until its heartbeat times out (10 s in the Redis Streams adapter), and
 * asking it would wait for Socket.IO's 5 s and then fail the join; past this, presence is this
 * process's own sockets' (the dead process's clients are reconnecting anyway).
 */
const PRESENCE_TIMEOUT_MS = 1000;

/** Everyone connected to a workspace now (across processes once the Redis adapter is in), one entry per person. */
export async function presenceIn(io: StintIo, workspaceId: string): Promise<PresentPerson[]> {
  const room = workspaceRoom(workspaceId);
  const sockets = await io
    .in(room)
    .timeout(PRESENCE_TIMEOUT_MS)
    .fetchSockets()
    .catch(() => io.local.in(room).fetchSockets());
  const people = new Map<string, PresentPerson>();
  for (const socket of sockets) {
    const role = socket.data.workspaces?.[workspaceId]?.role;
    if (role)
      people.set(socket.data.user.id, { userId: socket.data.user.id, name: socket.data.user.name, role });
  }
  return [...people.values()];
}

/** Tells the workspace's room who is there now, and answers the same list. */
async function broadcastPresence(io: StintIo, workspaceId: string): Promise<PresentPerson[]> {
  const people = await presenceIn(io, workspaceId);
  io.to(workspaceRoom(workspaceId)).emit('presence:update', { workspaceId, people });
  return people;
}

/** Chat, presence and typing for the workspaces a socket has joined. */
export function registerWorkspaceEvents(io: StintIo, socket: StintSocket, context: AppContext) {
  const { db } = context;
  const user = socket.data.user;
  if (socket.recovered) void reauthorizeRecovered(io, socket, context);
  else socket.data.workspaces = {};
  const unexpected = (error: unknown) =>
    context.logger.error({ err: error, userId: user.id }, 'socket event failed');

  /** Rights are checked against the database on every event, so a removal takes effect at once. */
  async function access(workspaceId: string, rule: WorkspaceRuleName): Promise<WorkspaceAccess> {
    return authorize(await getWorkspaceAccess(db, workspaceId, user.id), rule);
  }
  const rule = SOCKET_EVENT_RULES;

  /** The access this socket joined with while it allows the rule; otherwise the database's answer. */
  async function joinedAccess(workspaceId: string, name: WorkspaceRuleName): Promise<WorkspaceAccess> {
    const joined = socket.data.workspaces[workspaceId];
    return joined && allows(name, joined) ? joined : access(workspaceId, name);
  }

  socket.on(
    'workspace:join',
    handleEvent(
      joinWorkspaceInput,
      async ({ workspaceId }) => {
        await context.rateLimiter.consume('workspace:join', user.id);
        const granted = await access(workspaceId, rule['workspace:join']);
        socket.data.workspaces[workspaceId] = granted;
        await socket.join(workspaceRoom(workspaceId));
        const [page, unread] = await Promise.all([
          listMessages(db, workspaceId),
          countUnread(db, workspaceId, user.id),
        ]);
        const presence = await broadcastPresence(io, workspaceId);
        return {
          history: page.items,
          hasMore: page.hasMore,
          presence,
          role: granted.role!,
          unread,
        };
      },
      unexpected,
    ),
  );

  socket.on(
    'workspace:leave',
    handleEvent(
      joinWorkspaceInput,
      async ({ workspaceId }) => {
        delete socket.data.workspaces[workspaceId];
        await socket.leave(workspaceRoom(workspaceId));
        await broadcastPresence(io, workspaceId);
        return {};
      },
      unexpected,
    ),
  );

  socket.on(
    'chat:send',
    handleEvent(
      sendChatInput,
      async ({ workspaceId, body, clientId }) => {
        await joinedAccess(workspaceId, rule['chat:send']);
        await context.rateLimiter.consume('chat:send', user.id);
        const { message, created } = await postMessage(db, {
          workspaceId,
          authorId: user.id,
          body,
          clientId,
        });
        if (created) {
          io.to(workspaceRoom(workspaceId)).emit('chat:message', message);
          await notifyMentions(db, context.events, { workspaceId, authorId: user.id, body, where: 'chat' });
        }
        return { message };
      },
      unexpected,
    ),
  );

  socket.on(
    'chat:history',
    handleEvent(
      chatHistoryInput,
      async ({ workspaceId, before }) => {
        await access(workspaceId, rule['chat:history']);
        return listMessages(db, workspaceId, { before });
      },
      unexpected,
    ),
  );

  socket.on(
    'chat:read',
    handleEvent(
      markReadInput,
      async ({ workspaceId, seq }) => {
        await access(workspaceId, rule['chat:read']);
        return { unread: await markRead(db, workspaceId, user.id, seq) };
      },
      unexpected,
    ),
  );

  socket.on(
    'chat:typing',
    handleEvent(
      typingInput,
      async ({ workspaceId, typing }) => {
        // Only someone who has joined and may chat shows as typing.
        if (!allows(rule['chat:typing'], socket.data.workspaces[workspaceId] ?? null)) return {};
        await context.rateLimiter.consume('chat:typing', user.id);
        socket
          .to(workspaceRoom(workspaceId))
          .emit('chat:typing', { workspaceId, userId: user.id, name: user.name, typing });
        return {};
      },
      unexpected,
    ),
  );

  socket.on('disconnecting', () => {
    const joined = Object.keys(socket.data.workspaces);
    // Presence is recomputed after the socket has actually left its rooms.
    setImmediate(() => {
      for (const workspaceId of joined) void broadcastPresence(io, workspaceId).catch(unexpected);
    });
  });
}

/**
 * A socket recovered after a disconnection keeps the workspaces it had joined, but a removal or the
 * completion may have been announced while it was away (and reached no socket of it): each joined
 * workspace's access is read again, and a workspace it may no longer see is left, as on removal.
 */
async function reauthorizeRecovered(io: StintIo, socket: StintSocket, context: AppContext) {
  const user = socket.data.user;
  socket.data.workspaces ??= {};
  try {
    for (const workspaceId of Object.keys(socket.data.workspaces)) {
      const access = await getWorkspaceAccess(context.db, workspaceId, user.id);
      if (allows('viewWorkspace', access) && access) {
        socket.data.workspaces[workspaceId] = access;
        continue;
      }
      delete socket.data.workspaces[workspaceId];
      await socket.leave(workspaceRoom(workspaceId));
      socket.emit('workspace:removed', { workspaceId });
      await broadcastPresence(io, workspaceId);
    }
  } catch (error) {
    context.logger.error({ err: error, userId: user.id }, 'could not re-check a recovered socket');
    socket.disconnect(true);
  }
}

/**
 * A removed member's sockets on this process leave the workspace at once and are told so. Every
 * process runs this for its own sockets (the removal is relayed to all), so `socket.data` is the
 * real one, not a copy fetched from another process.
 */
export async function expelMember(io: StintIo, workspaceId: string, userId: string) {
  const sockets = await io.local.in(workspaceRoom(workspaceId)).fetchSockets();
  for (const socket of sockets) {
    if (socket.data.user.id !== userId) continue;
    delete socket.data.workspaces[workspaceId];
    socket.leave(workspaceRoom(workspaceId));
    socket.emit('workspace:removed', { workspaceId });
  }
  await broadcastPresence(io, workspaceId);
}

/**
 * Tells this process's sockets in a workspace that it was completed (they keep reading its chat but
 * no longer post to it) or re-opened (they post again): chat:send trusts the access they joined with.
 */
export async function setJoinedStatus(io: StintIo, workspaceId: string, status: 'completed' | 'active') {
  for (const socket of await io.local.in(workspaceRoom(workspaceId)).fetchSockets()) {
    const joined = socket.data.workspaces[workspaceId];
    if (joined) socket.data.workspaces[workspaceId] = { ...joined, status };
  }
}

/** Disconnects this process's sockets opened by ended sessions of a user. */
export async function disconnectSessions(io: StintIo, userId: string, sessionIds: string[] | 'all') {
  const sockets = await io.local.in(`user:${userId}`).fetchSockets();
  for (const socket of sockets) {
    if (sessionIds === 'all' || sessionIds.includes(socket.data.user.sessionId)) socket.disconnect(true);
  }
}
