// @vitest-environment jsdom
import { afterEach, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { Editor } from '@tiptap/core';
import { createInitialDocument } from '../../server/services/workspace/brief-builder.ts';
import { briefExtensions } from '../../web/src/lib/workspace/brief-extensions.ts';

/** The brief's real schema and node views in a DOM, on a brief with one open milestone. */
let editor: Editor | null = null;
afterEach(() => editor?.destroy());

function openBrief(editable: boolean) {
  const doc = new Y.Doc();
  Y.applyUpdate(
    doc,
    createInitialDocument({ brief: [{ type: 'taskList', items: [{ text: 'Prototype' }] }] }),
  );
  editor = new Editor({ element: document.createElement('div'), extensions: briefExtensions(doc), editable });
  // Looked up each time: the collaboration binding may draw the brief again.
  const checkbox = () => {
    const found = editor!.view.dom.querySelector<HTMLInputElement>('input[type="checkbox"]');
    if (!found) throw new Error('no milestone checkbox');
    return found;
  };
  return { editor, checkbox, checked: () => milestoneTicked(editor!) };
}

/** Whether the editor's document has the milestone ticked. */
function milestoneTicked(current: Editor): boolean {
  let ticked = false;
  current.state.doc.descendants((node) => {
    if (node.type.name === 'taskItem') ticked ||= node.attrs.checked === true;
  });
  return ticked;
}

describe('milestone checkboxes in the brief', () => {
  test('are inert in a read-only brief: not focusable, a click does not tick them', () => {
    const { checkbox, checked } = openBrief(false);
    expect(checkbox().disabled).toBe(true);
    checkbox().focus();
    expect(document.activeElement).not.toBe(checkbox());
    checkbox().click();
    expect(checkbox().checked).toBe(false);
    expect(checked()).toBe(false);
  });

  test('follow the brief becoming editable and read-only again', () => {
    const { editor, checkbox } = openBrief(false);
    editor.setEditable(true);
    expect(checkbox().disabled).toBe(false);
    editor.setEditable(false);
    expect(checkbox().disabled).toBe(true);
  });
});
