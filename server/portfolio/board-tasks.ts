import type * as Y from 'yjs';
import { readBoard } from '../../shared/board.ts';

/** Cards in the board's Done column (by id or title) or ticked done, in board order. */
export function completedTasks(doc: Y.Doc): { title: string }[] {
  const seen = new Set<string>();
  const done: { title: string }[] = [];
  for (const column of readBoard(doc).columns) {
    const doneColumn = column.id === 'done' || column.title.trim().toLowerCase() === 'done';
    for (const task of column.tasks) {
      if ((doneColumn || task.done) && !seen.has(task.id) && task.title.trim()) {
        seen.add(task.id);
        done.push({ title: task.title.trim() });
      }
    }
  }
  return done;
}
