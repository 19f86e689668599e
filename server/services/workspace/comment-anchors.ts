import type * as Y from 'yjs';
import { resolveAnchor } from '../../../shared/comment-anchors.ts';
import { AppError } from '../../errors.ts';

export const anchorNotFound = () =>
  new AppError(
    422,
    'anchor_not_found',
    'That text is not in the brief (it may just have been deleted). Select it again.',
  );

/** Refuses an anchor whose ends do not both name text in the brief as stored. */
export function checkAnchor(doc: Y.Doc, anchor: { start: Uint8Array; end: Uint8Array }): void {
  if (!resolveAnchor(doc, anchor)) throw anchorNotFound();
}
