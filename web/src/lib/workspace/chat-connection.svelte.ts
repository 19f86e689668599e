import type { PresentPerson, ServerToClientEvents } from '$shared/live.ts';
import { holdLiveSocket, type LiveSocket, type LiveSocketHold } from '$lib/live-socket.ts';
import type { ChatMessage } from '$shared/schemas/chat.ts';
import { TypingPeople } from './typing-people.svelte.ts';
import { isConfirmedBy, mergeMessages, newOutgoingMessage, type OutgoingMessage } from './chat-messages.ts';

export type CommentThreadEvent = Parameters<ServerToClientEvents['comment:thread']>[0];

const SEND_TIMEOUT_MS = 8000;
const TYPING_REPEAT_MS = 3000;
const TYPING_IDLE_MS = 4000;

/**
 * The workspace's Socket.IO side: chat history and live messages, sending with retries (the same
 * clientId every time, so the server posts a message once), typing, read receipts, presence, and
 * the server telling us we were removed. Rejoins after every reconnect. It uses the page's one
 * Socket.IO connection (lib/live-socket.ts), shared with the notification bell.
 */
export class ChatConnection {
  messages = $state<ChatMessage[]>([]);
  outgoing = $state<OutgoingMessage[]>([]);
  hasMore = $state(false);
  loadingEarlier = $state(false);
  joined = $state(false);
  joinError = $state<string | null>(null);
  presence = $state<PresentPerson[]>([]);
  unread = $state(0);
  removed = $state(false);
  readonly typing: TypingPeople;

  #live: LiveSocketHold;
  #socket: LiveSocket;
  #visible = false;
  #joinedBefore = false;
  #lastReadSeq = 0;
  #lastTypingSent = 0;
  #typingIdle: ReturnType<typeof setTimeout> | undefined;
  #threadListeners: ((event: CommentThreadEvent) => void)[] = [];

  readonly workspaceId: string;
  readonly myUserId: string;

  constructor(workspaceId: string, myUserId: string) {
    this.workspaceId = workspaceId;
    this.myUserId = myUserId;
    this.typing = new TypingPeople(myUserId);
    this.#live = holdLiveSocket();
    this.#socket = this.#live.socket;
    const on = this.#live.on;
    on('connect', this.#join);
    on('disconnect', () => {
      this.joined = false;
      // What was on its way goes again after the reconnect (same clientId, so never twice).
      for (const message of this.outgoing)
        if (message.state === 'sending') this.#setOutgoingState(message.clientId, 'waiting');
    });
    on('connect_error', () => {
      // Socket.IO retries by itself unless the server refused us (e.g. the session expired).
      if (!this.#socket.active) this.joinError = 'The chat could not connect. Reload the page to try again.';
    });
    on('chat:message', this.#handleMessage);
    window.addEventListener('online', this.#handleOnline);
    window.addEventListener('offline', this.#handleOffline);
    on('chat:typing', (event) => {
      if (event.workspaceId === workspaceId) this.typing.update(event.userId, event.name, event.typing);
    });
    on('presence:update', (event) => {
      if (event.workspaceId === workspaceId) this.presence = event.people;
    });
    on('comment:thread', (event) => {
      if (event.workspaceId === workspaceId) for (const listener of this.#threadListeners) listener(event);
    });
    on('workspace:removed', (event) => {
      if (event.workspaceId === workspaceId) this.markRemoved();
    });
    // The shared connection may be up already (the header's bell opened it first).
    if (this.#socket.connected) this.#join();
  }

  /** Comment threads arrive on this same socket; the comments panel listens here. */
  onCommentThread(listener: (event: CommentThreadEvent) => void): () => void {
    this.#threadListeners = [...this.#threadListeners, listener];
    return () => (this.#threadListeners = this.#threadListeners.filter((other) => other !== listener));
  }

  stop(): void {
    window.removeEventListener('online', this.#handleOnline);
    window.removeEventListener('offline', this.#handleOffline);
    clearTimeout(this.#typingIdle);
    this.typing.clear();
    // The connection stays for the page's other holders; this workspace's room is left.
    if (!this.removed && this.#socket.connected)
      this.#socket.emit('workspace:leave', { workspaceId: this.workspaceId });
    this.#live.release();
  }

  markRemoved(): void {
    this.removed = true;
    this.stop();
  }

  #join = () => {
    this.#socket.emit('workspace:join', { workspaceId: this.workspaceId }, (reply) => {
      if (!reply.ok) {
        if (reply.error.code === 'workspace_not_found' || reply.error.code === 'not_a_member')
          this.markRemoved();
        else this.joinError = reply.error.message;
        return;
      }
      this.joinError = null;
      this.joined = true;
      this.#merge(reply.history);
      // Only the first join decides whether older pages exist; later joins just fill gaps.
      if (!this.#joinedBefore) this.hasMore = reply.hasMore;
      this.#joinedBefore = true;
      this.presence = reply.presence;
      this.unread = reply.unread;
      this.#markReadIfVisible();
      for (const message of this.outgoing) if (message.state !== 'failed') this.#deliver(message);
    });
  };

  #handleMessage = (message: ChatMessage) => {
    if (message.workspaceId !== this.workspaceId) return;
    const isNew = !this.messages.some((known) => known.id === message.id);
    this.#merge([message]);
    this.typing.update(message.author.id, message.author.name, false);
    if (!isNew || message.author.id === this.myUserId) return;
    if (this.#visible) this.#markReadIfVisible();
    else this.unread += 1;
  };

  /** Adds messages and drops the outgoing copies they confirm. */
  #merge(incoming: ChatMessage[]) {
    this.messages = mergeMessages(this.messages, incoming);
    if (this.outgoing.some((message) => isConfirmedBy(message, incoming)))
      this.outgoing = this.outgoing.filter((message) => !isConfirmedBy(message, incoming));
  }

  send(body: string): void {
    const message = newOutgoingMessage(body);
    this.outgoing = [...this.outgoing, message];
    this.setTyping(false);
    this.#deliver(message);
  }

  /**
   * The browser knows before the socket does: going offline closes it (so what is written now
   * waits, and says so), coming back reconnects at once rather than at the next backoff.
   */
  #handleOnline = () => {
    if (!this.#socket.connected && !this.removed) this.#socket.connect();
  };

  #handleOffline = () => {
    if (this.#socket.connected) this.#socket.disconnect();
  };

  retry(clientId: string): void {
    const message = this.outgoing.find((candidate) => candidate.clientId === clientId);
    if (message) this.#deliver(message);
  }

  /**
   * Sends now when joined; otherwise the message waits and the next join sends it. A refusal by
   * the server (too long, too fast, no longer allowed) is shown with its reason and a retry.
   */
  #deliver(message: OutgoingMessage) {
    if (!this.#socket.connected || !this.joined) {
      this.#setOutgoingState(message.clientId, 'waiting');
      return;
    }
    this.#setOutgoingState(message.clientId, 'sending');
    const input = { workspaceId: this.workspaceId, body: message.body, clientId: message.clientId };
    this.#socket.timeout(SEND_TIMEOUT_MS).emit('chat:send', input, (error, reply) => {
      if (reply?.ok) this.#merge([reply.message]);
      else if (!this.#socket.connected) this.#setOutgoingState(message.clientId, 'waiting');
      else
        this.#setOutgoingState(
          message.clientId,
          'failed',
          error ? 'The server did not answer.' : reply.error.message,
        );
    });
  }

  #setOutgoingState(clientId: string, state: OutgoingMessage['state'], problem?: string) {
    this.outgoing = this.outgoing.map((message) =>
      message.clientId === clientId ? { ...message, state, problem } : message,
    );
  }

  loadEarlier(): void {
    const oldest = this.messages[0];
    if (!oldest || this.loadingEarlier) return;
    this.loadingEarlier = true;
    this.#socket
      .timeout(SEND_TIMEOUT_MS)
      .emit('chat:history', { workspaceId: this.workspaceId, before: oldest.seq }, (error, reply) => {
        this.loadingEarlier = false;
        if (error || !reply.ok) return;
        this.#merge(reply.items);
        this.hasMore = reply.hasMore;
      });
  }

  /** Typing emits are throttled: one "typing" every few seconds, one "stopped" when idle. */
  setTyping(typing: boolean): void {
    clearTimeout(this.#typingIdle);
    const now = Date.now();
    if (typing) {
      if (now - this.#lastTypingSent > TYPING_REPEAT_MS) {
        this.#lastTypingSent = now;
        this.#socket.emit('chat:typing', { workspaceId: this.workspaceId, typing: true });
      }
      this.#typingIdle = setTimeout(() => this.setTyping(false), TYPING_IDLE_MS);
    } else if (this.#lastTypingSent > 0) {
      this.#lastTypingSent = 0;
      this.#socket.emit('chat:typing', { workspaceId: this.workspaceId, typing: false });
    }
  }

  /** The page tells us whether the chat is on screen; only then do messages count as read. */
  setVisible(visible: boolean): void {
    this.#visible = visible;
    this.#markReadIfVisible();
  }

  #markReadIfVisible() {
    const newest = this.messages[this.messages.length - 1];
    if (!this.#visible || !newest || !this.joined) return;
    this.unread = 0;
    if (newest.seq <= this.#lastReadSeq) return;
    this.#lastReadSeq = newest.seq;
    this.#socket.emit('chat:read', { workspaceId: this.workspaceId, seq: newest.seq });
  }
}
