/**
 * The chat load driver for `npm run bench:live`, its own process: socket.io-client connections
 * that join a workspace and send messages at a fixed rate, each waiting for its ack.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { Histogram, sleep } from './measure.ts';

export type ChatCommand =
  | { type: 'connect'; url: string; cookie?: string; workspaces: string[]; clients: number }
  | { type: 'run'; durationMs: number; rate: number }
  | { type: 'disconnect' };

let sockets: { socket: Socket; workspaceId: string }[] = [];

async function connect(command: Extract<ChatCommand, { type: 'connect' }>) {
  const opening: Promise<void>[] = [];
  for (let n = 0; n < command.clients; n++) {
    const workspaceId = command.workspaces[n % command.workspaces.length]!;
    const socket = io(command.url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { origin: command.url, ...(command.cookie ? { cookie: command.cookie } : {}) },
    });
    sockets.push({ socket, workspaceId });
    opening.push(
      new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      }).then(async () => {
        await socket.timeout(30_000).emitWithAck('workspace:join', { workspaceId });
      }),
    );
    if (n % 20 === 19) await Promise.all(opening.slice(-20));
  }
  await Promise.all(opening);
  process.send!({ type: 'connected' });
}

async function run(command: Extract<ChatCommand, { type: 'run' }>) {
  const histogram = new Histogram();
  let acked = 0;
  let failed = 0;
  const interval = 1000 / command.rate;
  const inFlight = new Set<Promise<void>>();
  const timers = sockets.map(({ socket, workspaceId }) => {
    const send = () => {
      const sentAt = Date.now();
      const sending = socket
        .timeout(30_000)
        .emitWithAck('chat:send', { workspaceId, body: `bench ${sentAt}`, clientId: randomUUID() })
        .then((reply: { ok?: boolean }) => {
          if (reply?.ok === false) failed += 1;
          else {
            acked += 1;
            histogram.add(Date.now() - sentAt);
          }
        })
        .catch(() => {
          failed += 1;
        });
      inFlight.add(sending);
      void sending.finally(() => inFlight.delete(sending));
    };
    let timer: NodeJS.Timeout | undefined;
    const start = setTimeout(() => {
      send();
      timer = setInterval(send, interval);
    }, Math.random() * interval);
    return () => {
      clearTimeout(start);
      clearInterval(timer);
    };
  });
  await sleep(command.durationMs);
  for (const stop of timers) stop();
  const ackedInRound = acked;
  await Promise.all(inFlight);
  process.send!({ type: 'result', ackedInRound, acked, failed, latencies: [...histogram.counts.entries()] });
}

process.on('message', (command: ChatCommand) => {
  const fail = (error: unknown) => process.send!({ type: 'error', message: String(error) });
  if (command.type === 'connect') connect(command).catch(fail);
  else if (command.type === 'run') run(command).catch(fail);
  else {
    for (const { socket } of sockets) socket.disconnect();
    sockets = [];
    process.send!({ type: 'disconnected' });
  }
});
