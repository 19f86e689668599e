import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebSocket } from 'ws';
import type { SessionUser } from '../../auth/sessions.ts';
import type { LiveDocument } from '../../services/live/live-documents.ts';
import { readIncomingUpdate } from '../../services/live/doc-store.ts';
import { StorageError } from '../../services/live/update-log.ts';
import { YJS_CLOSE } from '../../../shared/live.ts';
import type { YjsHeldLimits } from '../../config.ts';
import {
  YJS_FRAME_BURST,
  YJS_HELD_BYTES_MAX,
  YJS_HELD_FRAMES_MAX,
  YJS_FRAMES_PER_SECOND,
  YJS_SEND_BUFFER_LIMIT_BYTES,
  YJS_SYNC_REQUEST_BURST,
  YJS_SYNC_REQUESTS_PER_SECOND,
} from '../../../shared/limits.ts';
import type { WorkspaceRole } from '../../../shared/workspace-roles.ts';
import { decodeMessage, encodeAwareness, encodePermissionDenied, encodeSyncStep1 } from './protocol.ts';
import { AwarenessIdentity, AwarenessNotYours } from './awareness-identity.ts';
import { FrameBudget } from './frame-budget.ts';
import { SyncRequests } from './sync-replies.ts';
import { UpdateGuard, UpdateRefused, type DecodedUpdate } from './update-guard.ts';

/** How long a flooder closed for holding too many frames has to read the close frame before it is cut. */
const FLOODER_CLOSE_GRACE_MS = 1000;
/** How often held frames are taken while a connection is over its frame budget. */
const HELD_DRAIN_INTERVAL_MS = 10;

/**
 * One person's WebSocket on one workspace document. Frames are read in order as they arrive, and
 * none waits for storage: an update is handed to the document (which stores, then relays it) while
 * the next frame — a cursor move, say — is relayed at once. A read-only connection's document
 * updates are dropped before they reach the document; a frame that does not decode closes the
 * connection (4400) without touching the document; an update the server fails to store closes it
 * as a server error (1011), and the client's reconnect sends it again. An editor's update that
 * breaks the document layout or builds on changes the server never received is refused and the
 * client told (update-guard.ts); awareness for another connection's client id closes it (4409);
 * frames past the connection's budget wait, the socket paused, and only a flood is closed (4429). Sync requests are answered one at a time,
 * from a per-document cache, after the frame that asked (sync-replies.ts).
 */
export class DocumentConnection {
  /** Awareness client ids this connection speaks for, removed when it closes. */
  readonly awarenessClients = new Set<number>();
  /** This connection's updates on their way to storage. */
  private readonly storing = new Set<Promise<void>>();
  private toldReadOnly = false;
  private readonly frames = new FrameBudget(YJS_FRAME_BURST, YJS_FRAMES_PER_SECOND);
  /** Frames that arrived past the budget, taken in order as it refills (see `hold`). */
  private readonly held: Uint8Array[] = [];
  private heldBytes = 0;
  private drainTimer: NodeJS.Timeout | null = null;
  private readonly syncBudget = new FrameBudget(YJS_SYNC_REQUEST_BURST, YJS_SYNC_REQUESTS_PER_SECOND);
  private readonly syncRequests: SyncRequests;
  private readonly guard: UpdateGuard;
  private readonly identity: AwarenessIdentity;

  constructor(
    readonly socket: WebSocket,
    readonly user: SessionUser,
    readonly live: LiveDocument,
    public readOnly: boolean,
    private readonly role: WorkspaceRole,
    private readonly logger: Logger,
    private readonly heldLimits: YjsHeldLimits = { frames: YJS_HELD_FRAMES_MAX, bytes: YJS_HELD_BYTES_MAX },
  ) {
    this.syncRequests = new SyncRequests(socket, live.doc, (frame) => this.send(frame));
    this.guard = new UpdateGuard(live.doc);
    this.identity = new AwarenessIdentity(live.awareness, this);
  }

  get sessionId(): string {
    return this.user.sessionId;
  }

  isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  forget(clientId: number): void {
    this.awarenessClients.delete(clientId);
  }

  /** The server speaks first: its state vector, and everyone's awareness. */
  greet(): void {
    this.send(encodeSyncStep1(this.live.doc));
    const states = [...this.live.awareness.getStates().keys()];
    if (states.length > 0) this.send(encodeAwareness(this.live.awareness, states));
  }

  receive(frame: Uint8Array): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    // Frames keep their order: once some wait, every later one waits behind them.
    if (this.held.length > 0 || !this.frames.take()) return this.hold(frame);
    this.process(frame);
  }

  private process(frame: Uint8Array): void {
    try {
      this.handle(frame);
    } catch (error) {
      if (error instanceof AwarenessNotYours) return this.refuseAwareness(error);
      this.fail(error);
    }
  }

  /**
   * Over the frame budget: stop reading the socket, so TCP slows the sender down, and take what
   * already arrived at the budget's rate. An honest burst (a long paste typed as many transactions,
   * a reconnect's backlog) is delayed, never refused; a flood that keeps piling up is closed.
   */
  private hold(frame: Uint8Array): void {
    this.held.push(frame);
    this.heldBytes += frame.byteLength;
    if (this.held.length > this.heldLimits.frames || this.heldBytes > this.heldLimits.bytes) {
      this.held.length = 0;
      this.heldBytes = 0;
      this.overBudget('frames');
      // The socket stays paused, so the client's answer to the close frame (queued behind its own
      // flood) is never read: without this, ws would keep the connection for its 30 s close timeout.
      setTimeout(() => this.socket.terminate(), FLOODER_CLOSE_GRACE_MS).unref();
      return;
    }
    if (this.drainTimer) return;
    this.socket.pause();
    this.drainTimer = setTimeout(() => this.drain(), HELD_DRAIN_INTERVAL_MS);
  }

  private drain(): void {
    this.drainTimer = null;
    while (this.held.length > 0 && this.isOpen() && this.frames.take()) {
      const frame = this.held.shift()!;
      this.heldBytes -= frame.byteLength;
      this.process(frame);
    }
    if (!this.isOpen()) {
      this.held.length = 0;
      this.heldBytes = 0;
      return;
    }
    if (this.held.length > 0) this.drainTimer = setTimeout(() => this.drain(), HELD_DRAIN_INTERVAL_MS);
    else this.socket.resume();
  }

  private handle(frame: Uint8Array): void {
    const message = decodeMessage(frame);
    switch (message.kind) {
      case 'syncStep1':
        if (!this.syncBudget.take()) return this.overBudget('sync requests');
        this.syncRequests.request(message.stateVector);
        return;
      case 'syncStep2':
      case 'update': {
        if (this.readOnly) {
          // A read-only client's routine (empty) sync reply is not an edit; only real edits are refused.
          return readIncomingUpdate(message.update).empty ? undefined : this.refuseEdit();
        }
        let checked: { empty: boolean; decoded: DecodedUpdate };
        try {
          checked = this.guard.check(message.update);
        } catch (error) {
          if (error instanceof UpdateRefused) return this.refuseUpdate(error);
          throw error;
        }
        if (!checked.empty) this.store(message.update, checked.decoded);
        return;
      }
      case 'awareness': {
        const admitted = this.identity.admit(message.update, (state) => this.stampIdentity(state));
        if (admitted) awarenessProtocol.applyAwarenessUpdate(this.live.awareness, admitted, this);
        return;
      }
      case 'queryAwareness':
        this.send(encodeAwareness(this.live.awareness, [...this.live.awareness.getStates().keys()]));
        return;
    }
  }

  private store(update: Uint8Array, decoded: DecodedUpdate): void {
    const applied = this.live.applyUpdate(update, this);
    this.guard.track(decoded, applied);
    const stored = applied.catch((error: unknown) => this.failStorage(error));
    this.storing.add(stored);
    void stored.finally(() => this.storing.delete(stored));
  }

  /**
   * Presence and cursor labels carry the name and role the server knows for this connection, so
   * nobody can appear under someone else's name or claim to be a supervisor.
   */
  private stampIdentity(state: unknown): unknown {
    if (state === null || typeof state !== 'object') return state;
    const fields = state as { user?: unknown };
    const user = typeof fields.user === 'object' && fields.user !== null ? fields.user : {};
    return { ...fields, user: { ...user, name: this.user.name, userId: this.user.id, role: this.role } };
  }

  /** Not stored, not relayed; y-websocket logs the reason. The connection stays open. */
  private refuseUpdate(error: UpdateRefused): void {
    this.logger.warn(
      { userId: this.user.id, workspaceId: this.live.workspaceId, reason: error.message },
      'refused a Yjs update',
    );
    this.send(encodePermissionDenied(`update refused: ${error.message}`));
  }

  private refuseAwareness(error: AwarenessNotYours): void {
    this.logger.warn(
      { userId: this.user.id, workspaceId: this.live.workspaceId, reason: error.message },
      'closing a Yjs connection: awareness for a client it does not speak for',
    );
    this.close(YJS_CLOSE.awarenessNotYours, 'awareness for a client this connection does not speak for');
  }

  private overBudget(what: string): void {
    this.logger.warn(
      { userId: this.user.id, workspaceId: this.live.workspaceId, what },
      'closing a Yjs connection: too many messages',
    );
    this.close(YJS_CLOSE.tooManyMessages, `too many ${what}; slow down and reconnect`);
  }

  private refuseEdit(): void {
    if (this.toldReadOnly) return;
    this.toldReadOnly = true;
    this.send(encodePermissionDenied('read-only: your role in this workspace cannot edit'));
  }

  /** The frame decoded, so whatever failed afterwards is the server's: never "malformed". */
  private failStorage(error: unknown): void {
    this.logger.error(
      {
        err: error,
        userId: this.user.id,
        workspaceId: this.live.workspaceId,
        stored: !(error instanceof StorageError),
      },
      'closing a Yjs connection: its update could not be stored or applied',
    );
    this.close(YJS_CLOSE.storageUnavailable, 'could not store the update; reconnect');
  }

  private fail(error: unknown): void {
    this.logger.warn(
      { err: error, userId: this.user.id, workspaceId: this.live.workspaceId },
      'closing a Yjs connection after a bad frame',
    );
    this.close(YJS_CLOSE.malformedMessage, 'malformed message');
  }

  send(frame: Uint8Array): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > YJS_SEND_BUFFER_LIMIT_BYTES) {
      this.logger.warn(
        { userId: this.user.id, workspaceId: this.live.workspaceId },
        'closing a Yjs connection that stopped reading',
      );
      return this.close(YJS_CLOSE.sendBufferFull, 'not reading; reconnect');
    }
    this.socket.send(frame, (error) => {
      if (error) this.socket.terminate();
    });
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) {
      this.socket.close(code, reason);
    }
  }

  /** Resolves when every update received so far has been stored (or refused). */
  async settled(): Promise<void> {
    while (this.storing.size > 0) await Promise.allSettled([...this.storing]);
  }
}
