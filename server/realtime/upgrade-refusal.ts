import type { Duplex } from 'node:stream';

const REASONS: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
};

/** Answers a WebSocket upgrade with a plain HTTP status and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number): void {
  const reason = REASONS[status] ?? 'Refused';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
