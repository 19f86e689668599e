import * as Y from 'yjs';
import { getBoard, getColumns, getTasks, type Column, type Task, type TaskFields } from './doc-layout.ts';

/**
 * Edits of the task board, the same on every client. Each card is its own Y.Map, so two people
 * editing different fields of one card both keep their change; a move writes `column` and `order`,
 * and when two people move the same card at once Yjs keeps one move everywhere. Cards with equal
 * `order` are ordered by id, so every replica shows the same order.
 */

export interface BoardView {
  columns: (Column & { tasks: Task[] })[];
}

function readTask(id: string, map: Y.Map<unknown>): Task {
  return {
    id,
    title: String(map.get('title') ?? ''),
    column: String(map.get('column') ?? ''),
    assignee: (map.get('assignee') as string | null | undefined) ?? null,
    due: (map.get('due') as string | null | undefined) ?? null,
    order: Number(map.get('order') ?? 0),
    done: map.get('done') === true,
  };
}

const byPosition = (a: Task, b: Task) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A plain snapshot of the board for rendering; cards in unknown columns land in the first. */
export function readBoard(doc: Y.Doc): BoardView {
  const columns = (getColumns(doc)?.toArray() ?? []).map((column) => ({
    id: String(column.get('id')),
    title: String(column.get('title') ?? ''),
  }));
  const tasks: Task[] = [];
  getTasks(doc)?.forEach((map, id) => tasks.push(readTask(id, map)));
  const known = new Set(columns.map((column) => column.id));
  return {
    columns: columns.map((column, index) => ({
      ...column,
      tasks: tasks
        .filter((task) => task.column === column.id || (index === 0 && !known.has(task.column)))
        .sort(byPosition),
    })),
  };
}

/** Creates the board's columns and task map; the server does this once when a workspace opens. */
export function initialiseBoard(doc: Y.Doc, columns: readonly Column[]): void {
  doc.transact(() => {
    const board = getBoard(doc);
    const columnArray = new Y.Array<Y.Map<string>>();
    columnArray.push(columns.map((column) => new Y.Map(Object.entries(column))));
    board.set('columns', columnArray);
    board.set('tasks', new Y.Map());
  });
}

function tasksIn(doc: Y.Doc, column: string, except?: string): Task[] {
  const tasks: Task[] = [];
  getTasks(doc)?.forEach((map, id) => {
    if (id !== except && map.get('column') === column) tasks.push(readTask(id, map));
  });
  return tasks.sort(byPosition);
}

/** An order value that sorts at `index` among `tasks` (already sorted). */
function orderAt(tasks: Task[], index: number): number {
  const before = tasks[index - 1]?.order;
  const after = tasks[index]?.order;
  if (before === undefined && after === undefined) return 1;
  if (before === undefined) return after! - 1;
  if (after === undefined) return before + 1;
  return (before + after) / 2;
}

export function newTaskId(): string {
  return `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export function addTask(
  doc: Y.Doc,
  fields: Partial<TaskFields> & { title: string; column: string },
  id: string = newTaskId(),
): string {
  const tasks = getTasks(doc);
  if (!tasks) throw new Error('The board has not been created.');
  doc.transact(() => {
    const existing = tasksIn(doc, fields.column);
    const map = new Y.Map<unknown>();
    map.set('title', fields.title);
    map.set('column', fields.column);
    map.set('assignee', fields.assignee ?? null);
    map.set('due', fields.due ?? null);
    map.set('order', fields.order ?? orderAt(existing, existing.length));
    map.set('done', fields.done ?? false);
    tasks.set(id, map);
  });
  return id;
}

export function updateTask(
  doc: Y.Doc,
  id: string,
  fields: Partial<Omit<TaskFields, 'column' | 'order'>>,
): void {
  const map = getTasks(doc)?.get(id);
  if (!map) return;
  doc.transact(() => {
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) map.set(key, value);
    }
  });
}

/** Moves a card to `index` within `column` (0 = top). */
export function moveTask(doc: Y.Doc, id: string, column: string, index: number): void {
  const map = getTasks(doc)?.get(id);
  if (!map) return;
  const siblings = tasksIn(doc, column, id);
  const clamped = Math.max(0, Math.min(index, siblings.length));
  doc.transact(() => {
    map.set('column', column);
    map.set('order', orderAt(siblings, clamped));
  });
}

export function removeTask(doc: Y.Doc, id: string): void {
  getTasks(doc)?.delete(id);
}

export function addColumn(doc: Y.Doc, title: string, id: string = `c${Date.now().toString(36)}`): string {
  getColumns(doc)?.push([new Y.Map(Object.entries({ id, title }))]);
  return id;
}

export function renameColumn(doc: Y.Doc, id: string, title: string): void {
  getColumns(doc)
    ?.toArray()
    .find((column) => column.get('id') === id)
    ?.set('title', title);
}
