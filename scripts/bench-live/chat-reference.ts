/**
 * The chat reference for `npm run bench:live`: a minimal Socket.IO server that stores each message
 * with one INSERT into the same kind of database and broadcasts it to the room. No sessions, no
 * rights, no idempotency: the least a stored chat can do. Prints `{"port":N}` when listening.
 */
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { Server } from 'socket.io';

const table = `bench_live_chat_${process.pid}`;
type Query = (sql: string, params?: unknown[]) => Promise<unknown>;

async function openStore(): Promise<{ query: Query; close: () => Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
    return {
      query: (sql, params) => pool.query(sql, params),
      close: async () => {
        await pool.query(`drop table if exists ${table}`);
        await pool.end();
      },
    };
  }
  const directory = await mkdtemp(path.join(os.tmpdir(), 'bench-live-chat-'));
  const db = await PGlite.create(directory);
  return {
    query: (sql, params) => db.query(sql, params),
    close: async () => {
      await db.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

const store = await openStore();
await store.query(
  `create table ${table} (id bigserial primary key, workspace_id text not null, body text not null,
   client_id text not null, created_at timestamptz not null default now())`,
);

const http = createServer();
const io = new Server(http);
io.on('connection', (socket) => {
  socket.on('workspace:join', ({ workspaceId }: { workspaceId: string }, ack: (reply: unknown) => void) => {
    void socket.join(workspaceId);
    ack({ ok: true });
  });
  socket.on(
    'chat:send',
    (message: { workspaceId: string; body: string; clientId: string }, ack: (reply: unknown) => void) => {
      store
        .query(`insert into ${table} (workspace_id, body, client_id) values ($1, $2, $3)`, [
          message.workspaceId,
          message.body,
          message.clientId,
        ])
        .then(() => {
          io.to(message.workspaceId).emit('chat:message', message);
          ack({ ok: true, message });
        })
        .catch(() => ack({ ok: false }));
    },
  );
});
http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = http.address();
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
  );
});
process.once('SIGTERM', () => {
  void io.close();
  void store.close().finally(() => process.exit(0));
});
