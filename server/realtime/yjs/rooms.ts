import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { LiveDocument, LiveDocuments } from '../../services/live/live-documents.ts';
import type { DocumentConnection } from './connection.ts';
import { encodeAwareness, encodeUpdate } from './protocol.ts';

interface Room {
  live: LiveDocument;
  connections: Set<DocumentConnection>;
  detach: () => void;
}

/**
 * Relays between the connections on one document: a stored update goes to everyone but its sender,
 * awareness changes go to everyone. A room exists while it has connections.
 */
export class DocumentRooms {
  private readonly rooms = new Map<string, Room>();

  constructor(
    private readonly documents: LiveDocuments,
    private readonly logger: Logger,
  ) {}

  async enter(
    workspaceId: string,
    makeConnection: (live: LiveDocument) => DocumentConnection,
  ): Promise<DocumentConnection> {
    const live = await this.documents.acquire(workspaceId);
    let room = this.rooms.get(workspaceId);
    if (!room || room.live !== live) room = this.openRoom(live);
    const connection = makeConnection(live);
    room.connections.add(connection);
    return connection;
  }

  private openRoom(live: LiveDocument): Room {
    const connections = new Set<DocumentConnection>();
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      const frame = encodeUpdate(update);
      for (const connection of connections) if (connection !== origin) connection.send(frame);
    };
    const onAwareness = (
      { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ) => {
      const owner = [...connections].find((connection) => connection === origin);
      if (owner) {
        for (const id of [...added, ...updated]) owner.awarenessClients.add(id);
        for (const id of removed) owner.awarenessClients.delete(id);
      }
      const frame = encodeAwareness(live.awareness, [...added, ...updated, ...removed]);
      for (const connection of connections) connection.send(frame);
    };
    live.doc.on('update', onUpdate);
    live.awareness.on('update', onAwareness);
    const room: Room = {
      live,
      connections,
      detach: () => {
        live.doc.off('update', onUpdate);
        live.awareness.off('update', onAwareness);
      },
    };
    this.rooms.set(live.workspaceId, room);
    return room;
  }

  /** Removes a closed connection: its cursors disappear for the others, its writes are finished. */
  async leave(connection: DocumentConnection): Promise<void> {
    const room = this.rooms.get(connection.live.workspaceId);
    awarenessProtocol.removeAwarenessStates(
      connection.live.awareness,
      [...connection.awarenessClients],
      null,
    );
    await connection.settled().catch(() => {});
    if (room?.connections.delete(connection) && room.connections.size === 0) {
      room.detach();
      this.rooms.delete(connection.live.workspaceId);
    }
    await this.documents
      .release(connection.live)
      .catch((error: unknown) => this.logger.error({ err: error }, 'releasing a document failed'));
  }

  connectionsOf(workspaceId: string): DocumentConnection[] {
    return [...(this.rooms.get(workspaceId)?.connections ?? [])];
  }

  all(): DocumentConnection[] {
    return [...this.rooms.values()].flatMap((room) => [...room.connections]);
  }
}
