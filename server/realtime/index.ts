import type { Server as HttpServer } from 'node:http';
import type { AppContext } from '../context.ts';
import { AppError } from '../services/errors.ts';
import { attachSocketServer } from './socket/index.ts';
import { attachYjsUpgrade } from './yjs/upgrade.ts';

/** Wires the live layer onto the http server; `close()` ends every live connection. */
export function attachRealtime(httpServer: HttpServer, context: AppContext) {
  const io = attachSocketServer(httpServer, context);
  const wss = attachYjsUpgrade(
    httpServer,
    context,
    async () => {
      throw new AppError(404, 'workspace_not_found', 'No such workspace.');
    },
    (socket) => socket.close(),
  );
  return {
    io,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      io.disconnectSockets(true);
      io.engine.close();
    },
  };
}
