import * as Y from 'yjs';
import { initialiseBoard, addTask } from '../../../shared/board.ts';
import { DEFAULT_COLUMNS, getBrief } from '../../../shared/doc-layout.ts';

/**
 * Writes ProseMirror content straight into the brief's Y.XmlFragment, in the node names TipTap's
 * schema uses (heading, paragraph, bulletList/listItem, taskList/taskItem), so the editor opens it
 * as if a person had typed it.
 */
export type BriefBlock =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'bulletList'; items: string[] }
  | { type: 'taskList'; items: { text: string; checked?: boolean }[] };

function textNode(type: string, text: string, attributes: Record<string, unknown> = {}): Y.XmlElement {
  const element = new Y.XmlElement(type);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value as string);
  if (text) element.insert(0, [new Y.XmlText(text)]);
  return element;
}

function wrap(
  type: string,
  children: Y.XmlElement[],
  attributes: Record<string, unknown> = {},
): Y.XmlElement {
  const element = new Y.XmlElement(type);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value as string);
  element.insert(0, children);
  return element;
}

function toElement(block: BriefBlock): Y.XmlElement {
  switch (block.type) {
    case 'heading':
      return textNode('heading', block.text, { level: block.level });
    case 'paragraph':
      return textNode('paragraph', block.text);
    case 'bulletList':
      return wrap(
        'bulletList',
        block.items.map((item) => wrap('listItem', [textNode('paragraph', item)])),
      );
    case 'taskList':
      return wrap(
        'taskList',
        block.items.map((item) =>
          wrap('taskItem', [textNode('paragraph', item.text)], { checked: item.checked ?? false }),
        ),
      );
  }
}

/** The brief a workspace opened directly (not from a project) starts with. */
export function defaultBrief(): BriefBlock[] {
  return [
    { type: 'heading', level: 2, text: 'Goals' },
    { type: 'paragraph', text: '' },
    { type: 'heading', level: 2, text: 'Deliverables' },
    { type: 'paragraph', text: '' },
    { type: 'heading', level: 2, text: 'Milestones' },
    { type: 'taskList', items: [{ text: '' }] },
    { type: 'heading', level: 2, text: 'Resources' },
    { type: 'paragraph', text: '' },
  ];
}

export interface InitialDocument {
  brief: BriefBlock[];
  /** Cards to put in the first column, in order (e.g. one per milestone). */
  cards?: string[];
}

/**
 * The whole starting state of a workspace document, made on the server once when the workspace is
 * created, so clients never race to lay it out.
 */
export function createInitialDocument({ brief, cards = [] }: InitialDocument): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    getBrief(doc).insert(0, brief.map(toElement));
    initialiseBoard(doc, DEFAULT_COLUMNS);
  });
  cards.forEach((title, index) => addTask(doc, { title, column: DEFAULT_COLUMNS[0].id, order: index + 1 }));
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
