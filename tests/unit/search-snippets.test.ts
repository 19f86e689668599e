import { describe, expect, it } from 'vitest';
import { snippetParts } from '../../server/services/workspace/search.ts';

describe('search snippets', () => {
  it('splits a marked headline into text parts and puts the markup characters back', () => {
    expect(snippetParts('\uE002b\uE003 the \uE000hoodies\uE001 \uE004 more')).toEqual([
      { text: '<b> the ', match: false },
      { text: 'hoodies', match: true },
      { text: ' & more', match: false },
    ]);
  });

  it('keeps a stray end marker out of the text', () => {
    expect(snippetParts('a\uE001b')).toEqual([{ text: 'ab', match: false }]);
  });
});
