import { z } from 'zod';
import { text } from './text.ts';
import { pageQuery } from './pagination.ts';
import { MAX_TASK_ID_LENGTH } from '../doc-layout.ts';

/**
 * Files attached to a board card or to a comment. The file travels as multipart/form-data in the
 * field `file`, under the same types and size limit as a deliverable (DELIVERABLE_TYPES,
 * MAX_DELIVERABLE_BYTES); the card or comment it is attached to is named in the route.
 */

/** A card id as the board generates it (see newTaskId): short, no slashes. */
export const cardIdParam = text()
  .min(1)
  .max(MAX_TASK_ID_LENGTH)
  .regex(/^[\w-]+$/, 'Not a card id.');

/** The text fields sent with an attached file: none are needed, the file name is its title. */
export const attachmentFields = z.strictObject({});

/** `?cardId=…` or `?commentId=…` narrows the list to what one card or one comment carries. */
export const attachmentsQuery = pageQuery.extend({
  cardId: cardIdParam.optional(),
  commentId: z.uuid({ message: 'Not an id.' }).optional(),
});
export type AttachmentsQuery = z.output<typeof attachmentsQuery>;

export type AttachedTo =
  | {
      kind: 'card';
      cardId: string;
      /** Null once the card was deleted from the board. */ title: string | null;
    }
  | { kind: 'comment'; commentId: string; threadId: string; excerpt: string };

export interface WorkspaceAttachment {
  id: string;
  workspaceId: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  downloadUrl: string;
  author: { id: string; name: string } | null;
  attachedTo: AttachedTo;
  createdAt: string;
}
