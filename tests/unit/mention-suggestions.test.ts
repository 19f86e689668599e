import { describe, expect, it } from 'vitest';
import { suggestMembers } from '../../web/src/lib/workspace/comments/mention-suggestions.ts';

const member = (name: string) => ({ id: name.toLowerCase().replace(/\s+/g, '-'), name });

describe('members offered after @', () => {
  const members = ['Aleksander Berg', 'Mia Leclerc', 'Sam Okafor', 'Lena Kovacs', 'leo Park'].map(member);
  const names = (typed: string) => suggestMembers(typed, members).map(({ name }) => name);

  it('puts names starting with what was typed first, then a later word, then any part of a name', () => {
    expect(names('Le')).toEqual(['Lena Kovacs', 'leo Park', 'Mia Leclerc', 'Aleksander Berg']);
  });

  it('ignores case and offers nobody for a name no member has', () => {
    expect(names('OKA')).toEqual(['Sam Okafor']);
    expect(names('Zed')).toEqual([]);
  });

  it('offers everyone, alphabetically, right after the @, but never more than six', () => {
    expect(names('')).toEqual(['Aleksander Berg', 'Lena Kovacs', 'leo Park', 'Mia Leclerc', 'Sam Okafor']);
    const many = Array.from({ length: 9 }, (_, index) => member(`Member ${index}`));
    expect(suggestMembers('mem', many)).toHaveLength(6);
  });
});
