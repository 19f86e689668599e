import type { BoardView } from '$shared/board.ts';

export type MoveDirection = 'left' | 'right' | 'up' | 'down';

/** Where a card goes: a column id and its index among that column's other cards (0 = top). */
export interface MoveTarget {
  column: string;
  index: number;
}

export interface CardPlace {
  columnIndex: number;
  index: number;
}

export function findCard(view: BoardView, taskId: string): CardPlace | null {
  for (const [columnIndex, column] of view.columns.entries()) {
    const index = column.tasks.findIndex((task) => task.id === taskId);
    if (index >= 0) return { columnIndex, index };
  }
  return null;
}

/**
 * The target of a one-step keyboard move, or null at the board's edge. Left and right keep the
 * card's row where the next column has one, so a card travels across the board in a straight line.
 */
export function stepTarget(view: BoardView, taskId: string, direction: MoveDirection): MoveTarget | null {
  const place = findCard(view, taskId);
  if (!place) return null;
  const column = view.columns[place.columnIndex]!;
  if (direction === 'up') return place.index > 0 ? { column: column.id, index: place.index - 1 } : null;
  if (direction === 'down')
    return place.index < column.tasks.length - 1 ? { column: column.id, index: place.index + 1 } : null;
  const next = view.columns[place.columnIndex + (direction === 'left' ? -1 : 1)];
  if (!next) return null;
  return { column: next.id, index: Math.min(place.index, next.tasks.length) };
}

/** "Moved 'Design poster' to Doing, position 2 of 3", read from the board after the move. */
export function describeMove(view: BoardView, taskId: string): string {
  const place = findCard(view, taskId);
  if (!place) return '';
  const column = view.columns[place.columnIndex]!;
  const title = column.tasks[place.index]!.title;
  return `Moved ‘${title}’ to ${column.title}, position ${place.index + 1} of ${column.tasks.length}`;
}

export const KEY_DIRECTIONS: Record<string, MoveDirection> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};
