import type * as Y from 'yjs';
import { getBoard } from '$shared/doc-layout.ts';
import { readBoard, type BoardView } from '$shared/board.ts';

/**
 * The board as plain data for rendering, re-read from the Yjs document whenever anything in it
 * changes (a local edit, a peer's edit, or state loaded from this device).
 */
export class BoardState {
  view: BoardView = $state.raw({ columns: [] });
  readonly #doc: Y.Doc;

  constructor(doc: Y.Doc) {
    this.#doc = doc;
    this.view = readBoard(doc);
    getBoard(doc).observeDeep(this.#refresh);
  }

  #refresh = () => {
    this.view = readBoard(this.#doc);
  };

  destroy(): void {
    getBoard(this.#doc).unobserveDeep(this.#refresh);
  }
}
