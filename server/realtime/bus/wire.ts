import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export type BusMessageKind = 'update' | 'awareness';
const KINDS: BusMessageKind[] = ['update', 'awareness'];

/** A document message on the bus: who sent it, what it is, and the Yjs bytes. */
export interface BusMessage {
  from: string;
  kind: BusMessageKind;
  payload: Uint8Array;
}

export function encodeBusMessage(message: BusMessage): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, message.from);
  encoding.writeVarUint(encoder, KINDS.indexOf(message.kind));
  encoding.writeVarUint8Array(encoder, message.payload);
  return Buffer.from(encoding.toUint8Array(encoder));
}

export function decodeBusMessage(raw: Uint8Array): BusMessage {
  const decoder = decoding.createDecoder(raw);
  const from = decoding.readVarString(decoder);
  const kind = KINDS[decoding.readVarUint(decoder)];
  if (!kind) throw new Error('unknown bus message kind');
  return { from, kind, payload: decoding.readVarUint8Array(decoder) };
}
