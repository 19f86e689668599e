import { describe, expect, it } from 'vitest';
import { caretMove } from '../../web/src/lib/workspace/read-only-caret.ts';

const key = (name: string, modifiers: { ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean } = {}) => ({
  key: name,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...modifiers,
});

describe('keys that move the caret in a read-only brief', () => {
  it('moves by character, word, line and to the ends as an editable field does (Windows, Linux)', () => {
    expect(caretMove(key('ArrowRight'), false)).toEqual({ direction: 'right', granularity: 'character' });
    expect(caretMove(key('ArrowLeft', { ctrlKey: true }), false)).toEqual({
      direction: 'left',
      granularity: 'word',
    });
    expect(caretMove(key('ArrowDown'), false)).toEqual({ direction: 'forward', granularity: 'line' });
    expect(caretMove(key('Home'), false)).toEqual({ direction: 'backward', granularity: 'lineboundary' });
    expect(caretMove(key('End', { ctrlKey: true }), false)).toEqual({
      direction: 'forward',
      granularity: 'documentboundary',
    });
  });

  it('follows the Mac: Option moves by word, Command to the line or the document ends', () => {
    expect(caretMove(key('ArrowRight', { altKey: true }), true)).toEqual({
      direction: 'right',
      granularity: 'word',
    });
    expect(caretMove(key('ArrowLeft', { metaKey: true }), true)).toEqual({
      direction: 'left',
      granularity: 'lineboundary',
    });
    expect(caretMove(key('ArrowUp', { metaKey: true }), true)).toEqual({
      direction: 'backward',
      granularity: 'documentboundary',
    });
  });

  it('leaves every other key to the browser', () => {
    for (const name of ['Tab', 'PageDown', 'Enter', 'a', ' ']) expect(caretMove(key(name), false)).toBeNull();
  });
});
