import type { Editor } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import {
  decodePosition,
  encodePosition,
  resolveAnchor,
  type EncodedAnchor,
} from '$shared/comment-anchors.ts';
import type { CommentThread } from '$shared/schemas/comments.ts';

/**
 * Between the editor (ProseMirror positions) and comment anchors (Yjs relative positions). The
 * binding's mapping from ProseMirror nodes to Yjs types comes from the collaboration plugin.
 */
export interface Binding {
  type: Y.XmlFragment;
  doc: Y.Doc;
  mapping: Map<Y.AbstractType<unknown>, unknown>;
}

export function bindingOf(state: EditorState): Binding | null {
  const sync = ySyncPluginKey.getState(state) as { binding?: Binding } | undefined;
  return sync?.binding ?? null;
}

/** The (text, index) a ProseMirror position falls on. */
function textPositionAt(binding: Binding, pos: number): Y.AbsolutePosition | null {
  const relative = absolutePositionToRelativePosition(pos, binding.type, binding.mapping as never);
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, binding.doc);
  return absolute && absolute.type instanceof Y.XmlText ? absolute : null;
}

/** An anchor for the text between two editor positions, or null when it covers no text. */
export function anchorForRange(
  binding: Binding,
  doc: ProseMirrorNode,
  from: number,
  to: number,
): { anchor: EncodedAnchor; quote: string } | null {
  if (from >= to) return null;
  const quote = doc.textBetween(from, to, ' ').trim();
  const start = textPositionAt(binding, from);
  const end = textPositionAt(binding, to);
  if (!quote || !start || !end) return null;
  // Start sticks to its first character, the end to its last: typing just outside stays outside.
  return {
    anchor: {
      start: encodePosition(Y.createRelativePositionFromTypeIndex(start.type, start.index, 0)),
      end: encodePosition(Y.createRelativePositionFromTypeIndex(end.type, end.index, -1)),
    },
    quote: quote.length > 500 ? `${quote.slice(0, 499)}…` : quote,
  };
}

/** An anchor for the current selection, or null when it covers no text. */
export function anchorForSelection(editor: Editor): { anchor: EncodedAnchor; quote: string } | null {
  const { from, to } = editor.state.selection;
  const binding = bindingOf(editor.state);
  return binding ? anchorForRange(binding, editor.state.doc, from, to) : null;
}

/**
 * The editor position of a character of the brief's text. Not y-tiptap's
 * `relativePositionToAbsolutePosition` on the anchor itself: it refuses every position that names a
 * character and lands at 1 or before (a guard for blocks reordered by drag and drop), which is the
 * brief's very first character, so a comment on the opening heading read as "on deleted text" the
 * moment it was posted. A position naming the text as a whole is outside that guard: y-tiptap finds
 * where the text starts, and the index counts on from there.
 */
function editorPositionOf(binding: Binding, { type, index }: Y.AbsolutePosition): number | null {
  const textStart = relativePositionToAbsolutePosition(
    binding.doc,
    binding.type,
    Y.createRelativePositionFromTypeIndex(type, 0, -1),
    binding.mapping as never,
  );
  return textStart === null ? null : textStart + index;
}

/** Where an anchor's text is in the editor now, or null when the text was deleted. */
export function rangeOfAnchor(binding: Binding, anchor: EncodedAnchor): { from: number; to: number } | null {
  const resolved = resolveAnchor(binding.doc, {
    start: decodePosition(anchor.start),
    end: decodePosition(anchor.end),
  });
  if (!resolved) return null;
  const from = editorPositionOf(binding, resolved.start);
  const to = editorPositionOf(binding, resolved.end);
  return from !== null && to !== null && from < to ? { from, to } : null;
}

/** Where a thread's text is in the editor now, or null when the text was deleted. */
export function rangeOfThread(
  state: EditorState,
  thread: CommentThread,
): { from: number; to: number } | null {
  const binding = bindingOf(state);
  return binding ? rangeOfAnchor(binding, thread.anchor) : null;
}

export const commentMarksKey = new PluginKey<DecorationSet>('comment-marks');

/**
 * Highlights the text of open threads. Recomputed on every transaction (anchors move with the
 * text) and when `threads()` changes (the caller dispatches a transaction with this key's meta).
 */
export function commentMarksPlugin(threads: () => CommentThread[], activeId: () => string | null): Plugin {
  const build = (state: EditorState) => {
    const decorations: Decoration[] = [];
    for (const thread of threads()) {
      if (thread.resolvedAt) continue;
      const range = rangeOfThread(state, thread);
      if (!range) continue;
      decorations.push(
        Decoration.inline(range.from, range.to, {
          class: thread.id === activeId() ? 'comment-mark comment-mark--active' : 'comment-mark',
          'data-thread-id': thread.id,
        }),
      );
    }
    return DecorationSet.create(state.doc, decorations);
  };
  return new Plugin({
    key: commentMarksKey,
    state: {
      init: (_config, state) => build(state),
      apply: (_tr, _old, _oldState, newState) => build(newState),
    },
    props: { decorations: (state) => commentMarksKey.getState(state) },
  });
}
