import { z } from 'zod';
import { text } from './text.ts';
import { workspaceIdSchema } from './workspaces.ts';

export const CHAT_MESSAGE_MAX_LENGTH = 4000;

export const joinWorkspaceInput = z.strictObject({ workspaceId: workspaceIdSchema });

export const sendChatInput = z.strictObject({
  workspaceId: workspaceIdSchema,
  body: text().trim().min(1, 'Write a message first.').max(CHAT_MESSAGE_MAX_LENGTH),
  /** Chosen by the sender's client; sending again with the same one does not post twice. */
  clientId: text().min(1).max(64),
});

export const typingInput = z.strictObject({ workspaceId: workspaceIdSchema, typing: z.boolean() });

export const markReadInput = z.strictObject({
  workspaceId: workspaceIdSchema,
  seq: z.number().int().nonnegative(),
});

export const chatHistoryInput = z.strictObject({
  workspaceId: workspaceIdSchema,
  before: z.number().int().positive().optional(),
});

export interface ChatMessage {
  id: string;
  /** Position in the workspace's chat; the paging cursor. */
  seq: number;
  workspaceId: string;
  author: { id: string; name: string };
  /** Plain text. Clients render links themselves and never insert it as HTML. */
  body: string;
  clientId: string;
  createdAt: string;
}
