import * as Y from 'yjs';

/**
 * The layout of a workspace's Yjs document, shared by the server (which creates it) and the web
 * (which edits it):
 * - `brief`: Y.XmlFragment holding the TipTap/ProseMirror document;
 * - `board`: Y.Map with `columns` (Y.Array of Y.Map {id, title}) and `tasks`
 *   (Y.Map of id → Y.Map {title, column, assignee, due, order, done}).
 */
export const BRIEF_FIELD = 'brief';
export const BOARD_FIELD = 'board';

export const DEFAULT_COLUMNS = [
  { id: 'todo', title: 'To do' },
  { id: 'doing', title: 'Doing' },
  { id: 'done', title: 'Done' },
] as const;

export interface TaskFields {
  title: string;
  column: string;
  /** User id of the member it is assigned to, or null. */
  assignee: string | null;
  /** ISO date (YYYY-MM-DD) or null. */
  due: string | null;
  /** Position inside its column; fractional so a move writes one number. */
  order: number;
  done: boolean;
}

export interface Column {
  id: string;
  title: string;
}

export interface Task extends TaskFields {
  id: string;
}

export function getBrief(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(BRIEF_FIELD);
}

export function getBoard(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(BOARD_FIELD);
}

export function getColumns(doc: Y.Doc): Y.Array<Y.Map<string>> | undefined {
  return getBoard(doc).get('columns') as Y.Array<Y.Map<string>> | undefined;
}

export function getTasks(doc: Y.Doc): Y.Map<Y.Map<unknown>> | undefined {
  return getBoard(doc).get('tasks') as Y.Map<Y.Map<unknown>> | undefined;
}

/**
 * The ProseMirror nodes the brief's schema has (TipTap StarterKit, task lists, tables; see
 * web/src/lib/workspace/brief-extensions.ts). The server refuses an update that puts any other
 * element into the brief. Marks are formatting on text, not nodes.
 */
export const BRIEF_NODE_NAMES: ReadonlySet<string> = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'bulletList',
  'orderedList',
  'listItem',
  'codeBlock',
  'horizontalRule',
  'hardBreak',
  'taskList',
  'taskItem',
  'table',
  'tableRow',
  'tableHeader',
  'tableCell',
]);

/** What each field of a task card may hold; the server refuses an update that writes anything else. */
export const TASK_FIELD_KINDS: Readonly<
  Record<keyof TaskFields, 'string' | 'string?' | 'number' | 'boolean'>
> = {
  title: 'string',
  column: 'string',
  assignee: 'string?',
  due: 'string?',
  order: 'number',
  done: 'boolean',
};

/** The fields of a column. */
export const COLUMN_FIELDS: ReadonlySet<string> = new Set(['id', 'title']);

/** Task ids are short generated strings (newTaskId); anything far longer is not ours. */
export const MAX_TASK_ID_LENGTH = 100;
