import { z } from 'zod';
import { text } from './text.ts';

/**
 * Comments on the brief. A thread is anchored to a stretch of the brief by two Yjs relative
 * positions (`Y.encodeRelativePosition`, base64): they name the characters themselves, not
 * offsets, so the anchor follows its text through everyone's concurrent edits. When that text is
 * deleted the positions no longer resolve to a range and the thread shows as "on deleted text".
 */
export const COMMENT_MAX_LENGTH = 2000;
export const COMMENT_QUOTE_MAX_LENGTH = 500;

const base64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** An encoded relative position is a few dozen bytes; 512 characters is plenty. */
const encodedPosition = z.string().min(2).max(512).regex(base64, 'Not an encoded position.');

const commentBody = text()
  .trim()
  .min(1, 'Write a comment first.')
  .max(COMMENT_MAX_LENGTH, `A comment has at most ${COMMENT_MAX_LENGTH} characters.`);

export const commentAnchorSchema = z.strictObject({ start: encodedPosition, end: encodedPosition });

export const createThreadInput = z.strictObject({
  body: commentBody,
  anchor: commentAnchorSchema,
  /** The text that was selected, shown with the thread (and kept when the text goes). */
  quote: text().trim().min(1, 'Select some text to comment on.').max(COMMENT_QUOTE_MAX_LENGTH),
});

export const commentBodyInput = z.strictObject({ body: commentBody });

export const commentIdSchema = z.uuid({ message: 'Not a comment id.' });

export interface CommentAuthor {
  id: string;
  name: string;
}

export interface BriefComment {
  id: string;
  /** Null once the author's account is gone. */
  author: CommentAuthor | null;
  /** Plain text; clients never insert it as HTML. */
  body: string;
  createdAt: string;
  editedAt: string | null;
}

export interface CommentThread extends BriefComment {
  workspaceId: string;
  anchor: { start: string; end: string };
  quote: string;
  resolvedAt: string | null;
  resolvedBy: CommentAuthor | null;
  replies: BriefComment[];
}
