import type * as Y from 'yjs';
import { readBoard } from '../../shared/board.ts';

/**
 * Cards in the board's Done column (by id or title) or ticked done, in board order: what the
 * student may choose to show in their portfolio (none is shown until they pick it).
 */
export function completedTasks(doc: Y.Doc): { id: string; title: string }[] {
  const seen = new Set<string>();
  const done: { id: string; title: string }[] = [];
  for (const column of readBoard(doc).columns) {
    const doneColumn = column.id === 'done' || column.title.trim().toLowerCase() === 'done';
    for (const task of column.tasks) {
      if ((doneColumn || task.done) && !seen.has(task.id) && task.title.trim()) {
        seen.add(task.id);
        done.push({ id: task.id, title: task.title.trim() });
      }
    }
  }
  return done;
}
