import type { AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import type * as Y from 'yjs';
import { BRIEF_FIELD } from '$shared/doc-layout.ts';

export const LINK_PROTOCOLS = ['http', 'https', 'mailto'] as const;

/** Whitespace and control characters, which browsers drop from a URL ("java\tscript:"). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be stripped
const INVISIBLE = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u2029\u205f\u3000\ufeff]/g;

/** True for an absolute address with one of our protocols: http(s) and mailto only. */
export function isAllowedLink(href: string): boolean {
  try {
    const { protocol } = new URL(href.replace(INVISIBLE, ''));
    return LINK_PROTOCOLS.some((allowed) => protocol === `${allowed}:`);
  } catch {
    return false;
  }
}

/**
 * What the editor may link to: an allowed absolute address, or one with no scheme at all
 * ("example.org", which autolink completes with https).
 */
function isAllowedInBrief(href: string): boolean {
  const cleaned = href.replace(INVISIBLE, '');
  return /^[a-z][a-z0-9+.-]*:/i.test(cleaned) ? isAllowedLink(cleaned) : true;
}

/**
 * A milestone (task item) whose checkbox is inert while the brief is read-only (a viewer, a
 * completed workspace): disabled, so it can be neither focused nor ticked. TipTap's own node view
 * keeps it focusable and only flips it back after a click.
 */
const MilestoneItem = TaskItem.extend({
  addNodeView() {
    const taskItemView = this.parent?.();
    if (!taskItemView) return null;
    return (props) => {
      const view = taskItemView(props);
      const checkbox = view.dom instanceof HTMLElement ? view.dom.querySelector('input') : null;
      const { editor } = props;
      // Tiptap announces a change of editable as an update.
      const followEditable = () => {
        // Only on a change: writing the attribute again is a DOM mutation ProseMirror would read.
        if (checkbox && checkbox.disabled === editor.isEditable) checkbox.disabled = !editor.isEditable;
      };
      followEditable();
      editor.on('update', followEditable);
      return {
        ...view,
        destroy: () => {
          editor.off('update', followEditable);
          view.destroy?.();
        },
      };
    };
  },
});

/**
 * The brief's schema, the same for the live editor and for viewing a saved version (which only
 * leaves out the carets). Undo comes from Collaboration (it undoes only your own edits), so
 * StarterKit's history is off; the trailing-node helper is off because every client would add
 * "its" trailing paragraph to the shared document at once.
 */
export function briefExtensions(doc: Y.Doc): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false,
      trailingNode: false,
      heading: { levels: [2, 3] },
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
        isAllowedUri: (url) => isAllowedInBrief(url),
      },
    }),
    TaskList,
    MilestoneItem.configure({ nested: true }),
    Table.configure({ resizable: false }),
    TableRow,
    TableHeader,
    TableCell,
    Collaboration.configure({ document: doc, field: BRIEF_FIELD }),
  ];
}
