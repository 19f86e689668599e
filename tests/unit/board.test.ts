import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addTask,
  initialiseBoard,
  moveTask,
  readBoard,
  renameColumn,
  updateTask,
} from '../../shared/board.ts';
import { DEFAULT_COLUMNS } from '../../shared/doc-layout.ts';
import { describeMove, stepTarget } from '../../web/src/lib/workspace/board-moves.ts';

/** Two replicas that exchange updates only when told, to stage truly concurrent edits. */
function pair() {
  const a = new Y.Doc();
  initialiseBoard(a, DEFAULT_COLUMNS);
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  const sync = () => {
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  };
  return { a, b, sync };
}

const titles = (doc: Y.Doc) => readBoard(doc).columns.map((column) => column.tasks.map((task) => task.title));

describe('the task board', () => {
  it('adds cards at the bottom of a column and moves them to a position', () => {
    const { a } = pair();
    const first = addTask(a, { title: 'Poster', column: 'todo' });
    addTask(a, { title: 'Captions', column: 'todo' });
    addTask(a, { title: 'Photos', column: 'todo' });
    expect(titles(a)[0]).toEqual(['Poster', 'Captions', 'Photos']);
    moveTask(a, first, 'todo', 2);
    expect(titles(a)[0]).toEqual(['Captions', 'Photos', 'Poster']);
    moveTask(a, first, 'doing', 0);
    expect(titles(a)).toEqual([['Captions', 'Photos'], ['Poster'], []]);
  });

  it('concurrent moves of the same card end in the same place for both', () => {
    const { a, b, sync } = pair();
    const card = addTask(a, { title: 'Poster', column: 'todo' });
    addTask(a, { title: 'Captions', column: 'todo' });
    sync();
    moveTask(a, card, 'doing', 0);
    moveTask(b, card, 'done', 0);
    sync();
    expect(readBoard(a)).toEqual(readBoard(b));
    expect(
      readBoard(a)
        .columns.flatMap((column) => column.tasks)
        .filter((task) => task.id === card),
    ).toHaveLength(1);
  });

  it('concurrent inserts at the same spot get the same order everywhere', () => {
    const { a, b, sync } = pair();
    addTask(a, { title: 'Top', column: 'todo' });
    addTask(a, { title: 'Bottom', column: 'todo' });
    sync();
    const x = addTask(a, { title: 'From A', column: 'doing' });
    const y = addTask(b, { title: 'From B', column: 'doing' });
    moveTask(a, x, 'todo', 1);
    moveTask(b, y, 'todo', 1);
    sync();
    expect(titles(a)).toEqual(titles(b));
    expect(titles(a)[0]).toHaveLength(4);
  });

  it('keeps both people’s edits to different fields of one card', () => {
    const { a, b, sync } = pair();
    const card = addTask(a, { title: 'Poster', column: 'todo' });
    sync();
    updateTask(a, card, { title: 'Launch poster' });
    updateTask(b, card, { due: '2026-12-01', done: true });
    renameColumn(b, 'doing', 'In progress');
    sync();
    const task = readBoard(a).columns[0]!.tasks[0]!;
    expect(task).toMatchObject({ title: 'Launch poster', due: '2026-12-01', done: true });
    expect(readBoard(a).columns[1]!.title).toBe('In progress');
  });

  it('keyboard moves step one place and are described for screen readers', () => {
    const { a } = pair();
    const poster = addTask(a, { title: 'Poster', column: 'todo' });
    addTask(a, { title: 'Captions', column: 'todo' });
    expect(stepTarget(readBoard(a), poster, 'up')).toBeNull();
    expect(stepTarget(readBoard(a), poster, 'left')).toBeNull();
    const right = stepTarget(readBoard(a), poster, 'right')!;
    moveTask(a, poster, right.column, right.index);
    expect(describeMove(readBoard(a), poster)).toBe('Moved ‘Poster’ to Doing, position 1 of 1');
  });
});
