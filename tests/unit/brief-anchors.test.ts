import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { getSchema } from '@tiptap/core';
import { initProseMirrorDoc } from '@tiptap/y-tiptap';
import { createInitialDocument, defaultBrief } from '../../server/services/workspace/brief-builder.ts';
import { getBrief } from '../../shared/doc-layout.ts';
import { anchoredText } from '../../shared/comment-anchors.ts';
import { briefExtensions } from '../../web/src/lib/workspace/brief-extensions.ts';
import {
  anchorForRange,
  rangeOfAnchor,
  type Binding,
} from '../../web/src/lib/workspace/comments/brief-anchors.ts';

/**
 * The editor's side of comment anchors on a real brief document and y-tiptap's real mapping from
 * Yjs types to the editor's nodes (what the collaboration plugin builds), without a browser.
 */
function openBrief() {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, createInitialDocument({ brief: defaultBrief() }));
  const type = getBrief(doc);
  const { doc: pmDoc, meta } = initProseMirrorDoc(type, getSchema(briefExtensions(doc)));
  const binding: Binding = { doc, type, mapping: meta.mapping as Binding['mapping'] };
  return { doc, pmDoc, binding };
}

/** Where a block's text starts and ends in the editor. */
function textOf(pmDoc: ReturnType<typeof openBrief>['pmDoc'], text: string) {
  let found: { from: number; to: number } | null = null;
  pmDoc.descendants((node, pos) => {
    if (!found && node.isTextblock && node.textContent === text)
      found = { from: pos + 1, to: pos + 1 + text.length };
  });
  if (!found) throw new Error(`no block reads ${text}`);
  return found as { from: number; to: number };
}

describe('comment anchors in the editor', () => {
  // The brief opens with the "Goals" heading: its first character is editor position 1.
  test.each(['Goals', 'Deliverables', 'Resources'])('a whole heading (%s) stays on its text', (heading) => {
    const { doc, pmDoc, binding } = openBrief();
    const { from, to } = textOf(pmDoc, heading);
    const selected = anchorForRange(binding, pmDoc, from, to);
    expect(selected?.quote).toBe(heading);
    expect(anchoredText(doc, selected!.anchor)).toBe(heading);
    expect(rangeOfAnchor(binding, selected!.anchor)).toEqual({ from, to });
  });

  test('the first characters of the brief, and its first word from the second', () => {
    const { pmDoc, binding } = openBrief();
    const { from } = textOf(pmDoc, 'Goals');
    const ranges: [number, number][] = [
      [from, from + 1],
      [from + 1, from + 5],
    ];
    for (const [start, end] of ranges) {
      const selected = anchorForRange(binding, pmDoc, start, end);
      expect(rangeOfAnchor(binding, selected!.anchor)).toEqual({ from: start, to: end });
    }
  });

  test('a whole heading typed around keeps exactly its text', () => {
    const { doc, pmDoc, binding } = openBrief();
    const { from, to } = textOf(pmDoc, 'Goals');
    const selected = anchorForRange(binding, pmDoc, from, to)!;
    const heading = getBrief(doc).get(0) as Y.XmlElement;
    const text = heading.get(0) as Y.XmlText;
    text.insert(5, ' now');
    text.insert(0, 'Our ');
    expect(anchoredText(doc, selected.anchor)).toBe('Goals');
    // The mapping no longer matches the edited brief's sizes, but the first block's text starts at 1.
    expect(rangeOfAnchor(binding, selected.anchor)).toEqual({ from: from + 4, to: to + 4 });
  });

  test('a heading whose text was deleted resolves to nothing', () => {
    const { doc, pmDoc, binding } = openBrief();
    const { from, to } = textOf(pmDoc, 'Goals');
    const selected = anchorForRange(binding, pmDoc, from, to)!;
    ((getBrief(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText).delete(0, 5);
    expect(rangeOfAnchor(binding, selected.anchor)).toBeNull();
  });
});
