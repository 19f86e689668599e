import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebSocket } from 'ws';
import type { SessionUser } from '../../services/sessions.ts';
import type { LiveDocument } from '../../services/live-documents.ts';
import { readIncomingUpdate } from '../../services/doc-store.ts';
import { StorageError } from '../../services/update-log.ts';
import { YJS_CLOSE } from '../../../shared/live.ts';
import type { WorkspaceRole } from '../../../shared/workspace-roles.ts';
import {
  decodeMessage,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
} from './protocol.ts';

/**
 * One person's WebSocket on one workspace document. Frames are read in order as they arrive, and
 * none waits for storage: an update is handed to the document (which stores, then relays it) while
 * the next frame — a cursor move, say — is relayed at once. A read-only connection's document
 * updates are dropped before they reach the document; a frame that does not decode closes the
 * connection (4400) without touching the document; an update the server fails to store closes it
 * as a server error (1011), and the client's reconnect sends it again.
 */
export class DocumentConnection {
  /** Awareness client ids this connection speaks for, removed when it closes. */
  readonly awarenessClients = new Set<number>();
  /** This connection's updates on their way to storage. */
  private readonly storing = new Set<Promise<void>>();
  private toldReadOnly = false;

  constructor(
    readonly socket: WebSocket,
    readonly user: SessionUser,
    readonly live: LiveDocument,
    public readOnly: boolean,
    private readonly role: WorkspaceRole,
    private readonly logger: Logger,
  ) {}

  /** The server speaks first: its state vector, and everyone's awareness. */
  greet(): void {
    this.send(encodeSyncStep1(this.live.doc));
    const states = [...this.live.awareness.getStates().keys()];
    if (states.length > 0) this.send(encodeAwareness(this.live.awareness, states));
  }

  receive(frame: Uint8Array): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    try {
      this.handle(frame);
    } catch (error) {
      this.fail(error);
    }
  }

  private handle(frame: Uint8Array): void {
    const message = decodeMessage(frame);
    switch (message.kind) {
      case 'syncStep1':
        this.send(encodeSyncStep2(this.live.doc, message.stateVector));
        return;
      case 'syncStep2':
      case 'update': {
        const { empty } = readIncomingUpdate(message.update);
        // A read-only client's routine (empty) sync reply is not an edit; only real edits are refused.
        if (this.readOnly) return empty ? undefined : this.refuseEdit();
        if (!empty) this.store(message.update);
        return;
      }
      case 'awareness':
        awarenessProtocol.applyAwarenessUpdate(this.live.awareness, this.stampIdentity(message.update), this);
        return;
      case 'queryAwareness':
        this.send(encodeAwareness(this.live.awareness, [...this.live.awareness.getStates().keys()]));
        return;
    }
  }

  private store(update: Uint8Array): void {
    const stored = this.live.applyUpdate(update, this).catch((error: unknown) => this.failStorage(error));
    this.storing.add(stored);
    void stored.finally(() => this.storing.delete(stored));
  }

  /**
   * Presence and cursor labels carry the name and role the server knows for this connection, so
   * nobody can appear under someone else's name or claim to be a supervisor.
   */
  private stampIdentity(update: Uint8Array): Uint8Array {
    return awarenessProtocol.modifyAwarenessUpdate(update, (state: unknown) => {
      if (state === null || typeof state !== 'object') return state;
      const fields = state as { user?: unknown };
      const user = typeof fields.user === 'object' && fields.user !== null ? fields.user : {};
      return { ...fields, user: { ...user, name: this.user.name, userId: this.user.id, role: this.role } };
    });
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
