import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';

/** Raw y-websocket frames, as a hostile client would write them by hand. */
export function syncStep1Frame(stateVector: Uint8Array = new Uint8Array([0])): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

export function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function awarenessFrame(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(inner, entry.clientId);
    encoding.writeVarUint(inner, entry.clock);
    encoding.writeVarString(inner, JSON.stringify(entry.state));
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

/** An awareness frame made by y-protocols' own encoder from an Awareness instance. */
export function encodeAwarenessFrame(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

/** A copy of a document's state, to build updates against. */
export function copyOf(doc: Y.Doc, clientID?: number): Y.Doc {
  const copy = new Y.Doc();
  if (clientID !== undefined) copy.clientID = clientID;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** The update an edit of `base` produces (base is left as it was). */
export function updateOf(base: Y.Doc, edit: (doc: Y.Doc) => void, clientID?: number): Uint8Array {
  const scratch = copyOf(base, clientID);
  const before = Y.encodeStateVector(scratch);
  edit(scratch);
  const update = Y.encodeStateAsUpdate(scratch, before);
  scratch.destroy();
  return update;
}

export interface RawConnection {
  socket: WebSocket;
  /** Reasons of the permission-denied (auth) messages received so far. */
  refusals: string[];
  /** Number of sync step 2 replies and bytes received so far. */
  received: { syncReplies: number; bytes: number };
  closed: Promise<number>;
  /** Resolves on the server's first frame (it has the document open). */
  greeted: Promise<void>;
  /** Resolves when the next sync step 2 reply arrives (a marker: the server read everything before). */
  nextSyncReply(): Promise<void>;
}

export async function openRaw(wsUrl: string, workspaceId: string, cookie: string): Promise<RawConnection> {
  const origin = wsUrl.replace(/^ws/, 'http');
  const socket = new WebSocket(`${wsUrl}/yjs/${workspaceId}`, { headers: { cookie, origin } });
  const refusals: string[] = [];
  const received = { syncReplies: 0, bytes: 0 };
  let waiters: (() => void)[] = [];
  let greet!: () => void;
  const greeted = new Promise<void>((resolve) => (greet = resolve));
  socket.on('message', (data: Buffer) => {
    greet();
    received.bytes += data.length;
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    if (type === 2 && decoding.readVarUint(decoder) === 0) refusals.push(decoding.readVarString(decoder));
    if (type === 0 && decoding.readVarUint(decoder) === 1) {
      received.syncReplies += 1;
      for (const resolve of waiters.splice(0)) resolve();
    }
  });
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return {
    socket,
    refusals,
    received,
    closed,
    greeted,
    nextSyncReply: () => new Promise<void>((resolve) => (waiters = [...waiters, resolve])),
  };
}
