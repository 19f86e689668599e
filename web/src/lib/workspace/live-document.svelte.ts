import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE_SYNC, YJS_CLOSE } from '$shared/live.ts';
import type { WorkspaceRole } from '$shared/workspace-roles.ts';

/** What the awareness `user` field carries; CollaborationCaret reads `name` and `color`. */
export interface AwarenessUser {
  name: string;
  color: string;
  role: WorkspaceRole;
  userId: string;
}

export type SaveStatus = 'syncing' | 'offline' | 'saved' | 'revoked';

/** How long edits settle before we ask the server to confirm it has them. */
const CONFIRM_DELAY_MS = 400;

/**
 * One workspace's Yjs document, kept in IndexedDB (so offline edits survive a reload) and synced
 * with the server over y-websocket. It reports an honest save status: after local edits we send
 * the server a sync step 1 on the same ordered socket and call the edits saved only when its
 * step 2 reply arrives, i.e. after the server has read everything we sent before it.
 */
export class LiveDocument {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly persistence: IndexeddbPersistence;

  connected = $state(false);
  /** The connection dropped (or never came up) since we last were connected. */
  lost = $state(false);
  synced = $state(false);
  /** Local edits (or edits loaded from this device) the server has not yet confirmed. */
  unconfirmed = $state(false);
  storedLocally = $state(false);
  revoked = $state(false);

  readonly status: SaveStatus = $derived.by(() => {
    if (this.revoked) return 'revoked';
    if (!this.connected) return this.lost ? 'offline' : 'syncing';
    return this.synced && !this.unconfirmed ? 'saved' : 'syncing';
  });

  #editCount = 0;
  #confirmAsked = -1;
  #confirmTimer: ReturnType<typeof setTimeout> | undefined;
  #socket: WebSocket | null = null;

  readonly workspaceId: string;

  constructor(workspaceId: string, user: AwarenessUser) {
    this.workspaceId = workspaceId;
    this.persistence = new IndexeddbPersistence(`stint-workspace-${workspaceId}`, this.doc);
    this.persistence.on('synced', () => (this.storedLocally = true));

    const protocol = location.protocol === 'https:' ? 'wss' : 'ws';
    this.provider = new WebsocketProvider(`${protocol}://${location.host}/yjs`, workspaceId, this.doc);
    this.provider.awareness.setLocalStateField('user', user);

    this.doc.on('update', this.#handleDocUpdate);
    this.provider.on('status', this.#handleStatus);
    this.provider.on('sync', this.#handleSync);
    this.provider.on('connection-close', this.#handleConnectionClose);
    this.provider.on('closed', this.#handleClosed);
  }

  /** Stops syncing; on revocation also forgets this device's copy, which is no longer theirs. */
  async stop(options: { forgetLocalCopy?: boolean } = {}): Promise<void> {
    clearTimeout(this.#confirmTimer);
    this.#watchSocket(null);
    this.doc.off('update', this.#handleDocUpdate);
    this.provider.off('status', this.#handleStatus);
    this.provider.off('sync', this.#handleSync);
    this.provider.off('connection-close', this.#handleConnectionClose);
    this.provider.off('closed', this.#handleClosed);
    this.provider.destroy();
    if (options.forgetLocalCopy) await this.persistence.clearData();
    else await this.persistence.destroy();
  }

  #handleDocUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === this.provider) return;
    this.#editCount += 1;
    this.unconfirmed = true;
    this.#scheduleConfirm();
  };

  #handleStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
    this.connected = status === 'connected';
    if (this.connected) this.lost = false;
    this.#watchSocket(this.connected ? this.provider.ws : null);
  };

  #handleSync = (isSynced: boolean) => {
    this.synced = isSynced;
    if (isSynced && this.unconfirmed) this.#scheduleConfirm();
  };

  #handleConnectionClose = () => {
    this.lost = true;
    this.synced = false;
  };

  #handleClosed = ({ code }: { code: number }) => {
    if (code === YJS_CLOSE.membershipRevoked) this.markRevoked();
  };

  markRevoked(): void {
    if (this.revoked) return;
    this.revoked = true;
    void this.stop({ forgetLocalCopy: true });
  }

  #scheduleConfirm() {
    clearTimeout(this.#confirmTimer);
    this.#confirmTimer = setTimeout(() => this.#askServerToConfirm(), CONFIRM_DELAY_MS);
  }

  #askServerToConfirm() {
    const socket = this.provider.ws;
    if (!socket || !this.provider.wsconnected || !this.provider.synced) return; // retried on the next sync
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.#confirmAsked = this.#editCount;
    socket.send(encoding.toUint8Array(encoder));
  }

  #watchSocket(socket: WebSocket | null) {
    this.#socket?.removeEventListener('message', this.#handleSocketMessage);
    this.#socket = socket;
    socket?.addEventListener('message', this.#handleSocketMessage);
  }

  #handleSocketMessage = (event: MessageEvent) => {
    if (!(event.data instanceof ArrayBuffer)) return;
    const decoder = decoding.createDecoder(new Uint8Array(event.data));
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
    if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) return;
    // Only a reply to a request made after the latest edit confirms everything.
    if (this.#confirmAsked === this.#editCount) this.unconfirmed = false;
  };
}
