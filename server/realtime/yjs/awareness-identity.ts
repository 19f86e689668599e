import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';
import { MAX_AWARENESS_CLOCK } from '../../../shared/limits.ts';

/** Who may speak for an awareness client id: a connection here, or one on another process. */
interface Speaker {
  readonly sessionId: string;
  /** False once the connection closed: its ids are free to be claimed again. */
  isOpen(): boolean;
  /** Stop speaking for an id (a newer connection of the same session took it over). */
  forget(clientId: number): void;
}

interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
}

/** Refused: the update speaks for a client id this connection did not introduce. */
export class AwarenessNotYours extends Error {}

const ELSEWHERE = 'elsewhere';
type Owner = Speaker | typeof ELSEWHERE;

/** Per awareness instance (one per open document): the owner of every client id seen. */
const registries = new WeakMap<Awareness, Map<number, Owner>>();
const speakers = new WeakSet<object>();

function registryOf(awareness: Awareness): Map<number, Owner> {
  const owners = registries.get(awareness);
  if (owners) return owners;
  const created = new Map<number, Owner>();
  // States applied by something other than a connection of this process (the cross-process relay)
  // belong to a connection elsewhere; a removed state frees its id.
  awareness.on(
    'update',
    (
      { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ) => {
      for (const id of removed) created.delete(id);
      if (typeof origin === 'object' && origin !== null && speakers.has(origin)) return;
      for (const id of [...added, ...updated]) if (!created.has(id)) created.set(id, ELSEWHERE);
    },
  );
  registries.set(awareness, created);
  return created;
}

function decodeEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state: unknown = JSON.parse(decoding.readVarString(decoder));
    entries.push({ clientId, clock, state });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after awareness update');
  return entries;
}

function encodeEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Awareness identity, per connection (as Outline's awareness extension does): the first state a
 * connection introduces claims that client id for it, and from then on it may speak only for that
 * id. y-websocket clients echo the states of others they receive; those echoes change nothing
 * (their clock is not newer) and are dropped quietly. Anything else about another client's id — a
 * newer clock, a removal, a second id of its own — or a clock past MAX_AWARENESS_CLOCK throws
 * AwarenessNotYours, and the connection is closed. The same session may take its id over from an
 * older connection of its own (a reconnect before the server noticed the old socket died).
 */
export class AwarenessIdentity {
  private claimed: number | null = null;
  private readonly owners: Map<number, Owner>;

  constructor(
    private readonly awareness: Awareness,
    private readonly speaker: Speaker,
  ) {
    speakers.add(speaker);
    this.owners = registryOf(awareness);
  }

  /**
   * The part of an update this connection may apply, with `stamp` applied to each state; null when
   * nothing in it would change anything.
   */
  admit(update: Uint8Array, stamp: (state: unknown) => unknown): Uint8Array | null {
    const admitted: AwarenessEntry[] = [];
    for (const entry of decodeEntries(update)) {
      if (entry.clock > MAX_AWARENESS_CLOCK) throw new AwarenessNotYours(`awareness clock ${entry.clock}`);
      if (!this.changes(entry)) continue;
      this.claim(entry.clientId);
      admitted.push({ ...entry, state: entry.state === null ? null : stamp(entry.state) });
    }
    return admitted.length > 0 ? encodeEntries(admitted) : null;
  }

  /** The same test applyAwarenessUpdate makes before it changes a state. */
  private changes({ clientId, clock, state }: AwarenessEntry): boolean {
    const current = this.awareness.meta.get(clientId)?.clock ?? 0;
    const known = this.awareness.states.has(clientId);
    return current < clock || (current === clock && state === null && known);
  }

  private claim(clientId: number): void {
    const owner = this.owners.get(clientId);
    if (owner === this.speaker) return;
    if (owner === ELSEWHERE) throw new AwarenessNotYours(`client ${clientId} belongs to another connection`);
    if (owner?.isOpen() && owner.sessionId !== this.speaker.sessionId) {
      throw new AwarenessNotYours(`client ${clientId} belongs to another connection`);
    }
    if (this.claimed !== null && this.claimed !== clientId) {
      throw new AwarenessNotYours(
        `a second client id ${clientId}; this connection speaks for ${this.claimed}`,
      );
    }
    owner?.forget(clientId);
    this.claimed = clientId;
    this.owners.set(clientId, this.speaker);
  }
}
