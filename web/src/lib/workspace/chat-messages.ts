import type { ChatMessage } from '$shared/schemas/chat.ts';

/** A message of ours the server has not acknowledged yet. */
export interface OutgoingMessage {
  /** Chosen once; every resend uses it again, so the server posts the message only once. */
  clientId: string;
  body: string;
  createdAt: string;
  /** `waiting`: written while offline, sent by itself once the connection is back. */
  state: 'sending' | 'waiting' | 'failed';
  /** Why the server refused it, when it did. */
  problem?: string;
}

export function newOutgoingMessage(body: string): OutgoingMessage {
  return { clientId: crypto.randomUUID(), body, createdAt: new Date().toISOString(), state: 'sending' };
}

/** Known and incoming messages, each once (by id), in chat order (`seq`). */
export function mergeMessages(known: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const byId = new Map(known.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

export function isConfirmedBy(outgoing: OutgoingMessage, incoming: ChatMessage[]): boolean {
  return incoming.some((message) => message.clientId === outgoing.clientId);
}
