/**
 * The reference for `npm run bench:live`: the official @y/websocket-server, in memory, with no
 * authentication and no storage. Prints `{"port":N}` when listening.
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';

import { setupWSConnection } from '@y/websocket-server/utils';

const port = Number(process.env.PORT ?? 0);
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (socket, request) => setupWSConnection(socket, request));
const server = http.createServer((_request, response) => response.end('okay'));
server.on('upgrade', (request, socket, head) => {
  // Stint serves documents under /yjs/<name>; strip the prefix so both see the same names.
  request.url = (request.url ?? '').replace(/^\/yjs/, '');
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : port })}\n`,
  );
});
