import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '$shared/live.ts';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One holder's use of the page's connection: its own listeners, removed when it lets go. */
export interface LiveSocketHold {
  readonly socket: LiveSocket;
  /** Like `socket.on`, but the listener goes away with `release()`. */
  on: LiveSocket['on'];
  /** Removes this holder's listeners; the connection closes when the last holder lets go. */
  release(): void;
}

let shared: { socket: LiveSocket; holders: number } | null = null;

/**
 * The page's one Socket.IO connection, shared by everyone who needs it (the header's notification
 * bell, a workspace's chat), so a page never opens two. Browser only.
 */
export function holdLiveSocket(): LiveSocketHold {
  // WebSocket only: behind a balancer without sticky sessions, long-polling would hit other processes.
  shared ??= { socket: io({ withCredentials: true, transports: ['websocket'] }), holders: 0 };
  const current = shared;
  current.holders += 1;
  const listeners: [string, (...args: never[]) => void][] = [];
  let released = false;
  const on = ((event: string, listener: (...args: never[]) => void) => {
    listeners.push([event, listener]);
    return current.socket.on(event as 'connect', listener as () => void);
  }) as LiveSocket['on'];
  return {
    socket: current.socket,
    on,
    release() {
      if (released) return;
      released = true;
      for (const [event, listener] of listeners)
        current.socket.off(event as 'connect', listener as () => void);
      current.holders -= 1;
      if (current.holders > 0) return;
      current.socket.disconnect();
      if (shared === current) shared = null;
    },
  };
}
