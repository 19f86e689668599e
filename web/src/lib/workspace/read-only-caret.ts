import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, Selection, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

/**
 * Caret browsing in a read-only brief. A ProseMirror view that is not editable is not
 * contenteditable, so the browser gives it no caret and Shift + arrows select nothing: a mentor or
 * viewer could select text (to comment on it, or copy it) only with a mouse. While the view is not
 * editable this moves the document's selection with `Selection.modify` (what the browser's own
 * caret browsing uses, so words, wrapped lines and right-to-left text move as they do in an editable
 * field) and draws a caret, since the browser draws none there. The moved selection goes into
 * ProseMirror's state at once (not on the browser's later selectionchange), so the comment button
 * and Ctrl + Alt + M, pressed right after, see it.
 * The surface has to be focusable for this: BriefEditor gives a read-only one tabindex 0.
 */

type Granularity = 'character' | 'word' | 'line' | 'lineboundary' | 'documentboundary';
type Direction = 'left' | 'right' | 'forward' | 'backward';

/** What a key does to the selection, or null for keys left to the browser (Tab, Page Up, …). */
export function caretMove(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
  mac: boolean,
): { direction: Direction; granularity: Granularity } | null {
  const byWord = mac ? event.altKey : event.ctrlKey;
  switch (event.key) {
    case 'ArrowLeft':
    case 'ArrowRight': {
      const direction = event.key === 'ArrowLeft' ? 'left' : 'right';
      if (mac && event.metaKey) return { direction, granularity: 'lineboundary' };
      return { direction, granularity: byWord ? 'word' : 'character' };
    }
    case 'ArrowUp':
    case 'ArrowDown': {
      const direction = event.key === 'ArrowUp' ? 'backward' : 'forward';
      return { direction, granularity: mac && event.metaKey ? 'documentboundary' : 'line' };
    }
    case 'Home':
    case 'End': {
      const direction = event.key === 'Home' ? 'backward' : 'forward';
      return { direction, granularity: event.ctrlKey || event.metaKey ? 'documentboundary' : 'lineboundary' };
    }
    default:
      return null;
  }
}

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

const inView = (view: EditorView, selection: globalThis.Selection) =>
  selection.rangeCount > 0 &&
  view.dom.contains(selection.anchorNode) &&
  view.dom.contains(selection.focusNode);

/**
 * Puts the caret at the start of the brief, as caret browsing does in a newly focused element: in
 * ProseMirror's state and in the document alike. ProseMirror draws its selection into a read-only
 * view only once the document's selection is inside it, and on focus it puts its own selection
 * back, so both have to agree.
 */
function caretAtStart(view: EditorView, selection: globalThis.Selection): void {
  const start = Selection.atStart(view.state.doc);
  view.dispatch(view.state.tr.setSelection(start));
  const { node, offset } = view.domAtPos(start.from);
  selection.collapse(node, offset);
}

/** Puts the document's selection into ProseMirror's state now. */
function takeSelection(view: EditorView, selection: globalThis.Selection): void {
  if (!selection.anchorNode || !selection.focusNode) return;
  const anchor = view.posAtDOM(selection.anchorNode, selection.anchorOffset);
  const head = view.posAtDOM(selection.focusNode, selection.focusOffset);
  const { doc } = view.state;
  const moved = TextSelection.between(doc.resolve(anchor), doc.resolve(head));
  if (!moved.eq(view.state.selection)) view.dispatch(view.state.tr.setSelection(moved));
}

/** Keeps the end that moved on screen: a non-editable page does not scroll to it by itself. */
function revealFocus(selection: globalThis.Selection): void {
  if (!selection.focusNode) return;
  const range = document.createRange();
  range.setStart(selection.focusNode, selection.focusOffset);
  const rect = range.getClientRects()[0] ?? range.getBoundingClientRect();
  const margin = 32;
  if (rect.top < margin) window.scrollBy({ top: rect.top - margin });
  else if (rect.bottom > window.innerHeight - margin)
    window.scrollBy({ top: rect.bottom - window.innerHeight + margin });
}

function handleKeydown(view: EditorView, event: KeyboardEvent): boolean {
  if (view.editable || event.defaultPrevented) return false;
  const selection = view.dom.ownerDocument.getSelection();
  if (!selection) return false;
  const mac = isMac();
  if (event.key === 'a' && (mac ? event.metaKey : event.ctrlKey) && !event.altKey) {
    // The browser would select the whole page; select the whole brief.
    event.preventDefault();
    selection.selectAllChildren(view.dom);
    takeSelection(view, selection);
    return true;
  }
  const move = caretMove(event, mac);
  if (!move) return false;
  event.preventDefault();
  if (!inView(view, selection)) caretAtStart(view, selection);
  selection.modify(event.shiftKey ? 'extend' : 'move', move.direction, move.granularity);
  takeSelection(view, selection);
  revealFocus(selection);
  return true;
}

/** The drawn caret: a thin bar over the surface at ProseMirror's (collapsed) selection. */
class CaretView {
  private readonly caret: HTMLElement;

  constructor(private readonly view: EditorView) {
    this.caret = document.createElement('div');
    this.caret.className = 'read-only-caret';
    this.caret.setAttribute('aria-hidden', 'true');
    this.caret.hidden = true;
    view.dom.parentElement?.append(this.caret);
    window.addEventListener('resize', this.draw);
  }

  readonly draw = () => {
    const { view, caret } = this;
    const host = view.dom.parentElement;
    const { selection } = view.state;
    const show = !view.editable && view.hasFocus() && selection.empty && host !== null;
    caret.hidden = !show;
    if (!show) return;
    const at = view.coordsAtPos(selection.head);
    const box = host.getBoundingClientRect();
    caret.style.left = `${at.left - box.left + host.scrollLeft}px`;
    caret.style.top = `${at.top - box.top + host.scrollTop}px`;
    caret.style.height = `${Math.max(at.bottom - at.top, 16)}px`;
    // Restart the blink, so the caret is visible right after it moved.
    caret.getAnimations().forEach((animation) => {
      animation.currentTime = 0;
    });
  };

  update() {
    this.draw();
  }

  destroy() {
    window.removeEventListener('resize', this.draw);
    this.caret.remove();
  }
}

const readOnlyCaretKey = new PluginKey('read-only-caret');

export const ReadOnlyCaret = Extension.create({
  name: 'readOnlyCaret',
  addProseMirrorPlugins() {
    let caretView: CaretView | null = null;
    /** A click places the caret itself; only focus from the keyboard needs one put. */
    let pointerDown = false;
    return [
      new Plugin({
        key: readOnlyCaretKey,
        view: (view) => (caretView = new CaretView(view)),
        props: {
          handleDOMEvents: {
            keydown: handleKeydown,
            mousedown: () => {
              pointerDown = true;
              return false;
            },
            focus: (view) => {
              const fromPointer = pointerDown;
              pointerDown = false;
              if (view.editable) return false;
              // Coming back by keyboard keeps what was selected (e.g. after Tab to the Comment
              // button and back); otherwise the caret starts at the top.
              const selection = view.dom.ownerDocument.getSelection();
              if (selection && !fromPointer && !(inView(view, selection) && !selection.isCollapsed))
                caretAtStart(view, selection);
              caretView?.draw();
              return false;
            },
            blur: () => {
              caretView?.draw();
              return false;
            },
          },
        },
      }),
    ];
  },
});
