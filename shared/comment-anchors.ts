import * as Y from 'yjs';
import { getBrief } from './doc-layout.ts';

/** Any shared type: Yjs types are invariant in their event type, so `AbstractType<unknown>` fits none. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type AnyType = Y.AbstractType<any>;

/**
 * Where a comment's anchor is in the brief now. The anchor is two Yjs relative positions (base64
 * of `Y.encodeRelativePosition`): the start sticks to its first character (assoc 0) and the end to
 * its last (assoc -1), so text typed just outside the stretch does not join it. Shared by the
 * server (which refuses anchors that name nothing) and the web and tests (which find the text).
 */
export interface EncodedAnchor {
  start: string;
  end: string;
}

export const encodePosition = (position: Y.RelativePosition): string =>
  btoa(String.fromCharCode(...Y.encodeRelativePosition(position)));

export function decodePosition(encoded: string): Uint8Array {
  const binary = atob(encoded);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** An anchor over `length` characters of a paragraph's text from `index`. */
export function anchorInText(text: Y.XmlText, index: number, length: number): EncodedAnchor {
  return {
    start: encodePosition(Y.createRelativePositionFromTypeIndex(text, index, 0)),
    end: encodePosition(Y.createRelativePositionFromTypeIndex(text, index + length, -1)),
  };
}

function insideBrief(type: AnyType, brief: Y.XmlFragment): boolean {
  for (let current: AnyType | null = type; current;) {
    if (current === brief) return true;
    if (current._item?.deleted) return false;
    current = (current._item?.parent as AnyType | undefined) ?? null;
  }
  return false;
}

function resolvePosition(doc: Y.Doc, bytes: Uint8Array): Y.AbsolutePosition | null {
  let relative: Y.RelativePosition;
  try {
    relative = Y.decodeRelativePosition(bytes);
  } catch {
    return null;
  }
  // Ours always name a character; one that names a whole type or nothing is not an anchor.
  if (!relative.item || relative.type || relative.tname) return null;
  // An item this document has never seen does not exist (Yjs would throw looking it up).
  const known = doc.store.clients.get(relative.item.client);
  const last = known?.[known.length - 1];
  if (!last || relative.item.clock >= last.id.clock + last.length) return null;
  return Y.createAbsolutePositionFromRelativePosition(relative, doc);
}

export interface ResolvedAnchor {
  start: Y.AbsolutePosition;
  end: Y.AbsolutePosition;
}

/**
 * The anchor's two ends in the brief as it is now, or null when its text is gone: every character
 * deleted (the ends meet), its paragraph deleted, or positions that never named brief text.
 */
export function resolveAnchor(
  doc: Y.Doc,
  anchor: { start: Uint8Array; end: Uint8Array },
): ResolvedAnchor | null {
  const brief = getBrief(doc);
  const start = resolvePosition(doc, anchor.start);
  const end = resolvePosition(doc, anchor.end);
  if (!start || !end) return null;
  // Both ends name characters of the brief's text, not places between its paragraphs.
  if (!(start.type instanceof Y.XmlText) || !(end.type instanceof Y.XmlText)) return null;
  if (!insideBrief(start.type, brief) || !insideBrief(end.type, brief)) return null;
  if (start.type === end.type && start.index >= end.index) return null;
  return { start, end };
}

const plainText = (type: AnyType) =>
  type instanceof Y.XmlText
    ? (type.toDelta() as { insert: unknown }[])
        .map((part) => (typeof part.insert === 'string' ? part.insert : '\ufffc'))
        .join('')
    : '';

/** The text an anchor covers now when it lies in one paragraph (tests and search), else null. */
export function anchoredText(doc: Y.Doc, anchor: EncodedAnchor): string | null {
  const resolved = resolveAnchor(doc, {
    start: decodePosition(anchor.start),
    end: decodePosition(anchor.end),
  });
  if (!resolved || resolved.start.type !== resolved.end.type) return null;
  return plainText(resolved.start.type).slice(resolved.start.index, resolved.end.index);
}
