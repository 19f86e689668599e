/**
 * One way of turning text into comparable words, used for lookups and for phrase matching, so
 * "Photo-shop", "photo shop" and "PHOTO SHOP!" are the same key and "C#" is "c sharp".
 */

const SYMBOL_WORDS: Record<string, string> = { '#': 'sharp', '+': 'plus', '&': 'and', '@': 'at' };
// Apostrophes inside words go without a space, so "women's" is "womens" and "don't" is "dont".
const INNER_APOSTROPHE = /(?<=\p{L})['’`](?=\p{L})/gu;
const DIACRITICS = /\p{M}+/gu;
const JOINER = '\u2060';
const WORD_OR_SYMBOL = new RegExp(`[\\p{L}\\p{N}${JOINER}]+|[#+&@]`, 'gu');

export interface WordToken {
  /** Lower-case, accent-free form used for matching. */
  word: string;
  /** As written, for aliases that must match their capitalisation. */
  raw: string;
  start: number;
  end: number;
}

/** Splits text into words with their positions in the original string. */
export function tokeniseWords(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  // The apostrophe is swapped for a joiner of the same length, so positions still point into `text`.
  const prepared = text.replace(INNER_APOSTROPHE, JOINER);
  for (const match of prepared.matchAll(WORD_OR_SYMBOL)) {
    const raw = match[0].replaceAll(JOINER, '');
    const symbol = SYMBOL_WORDS[raw];
    const word = symbol ?? raw.normalize('NFKD').replace(DIACRITICS, '').toLowerCase();
    if (word.length === 0) continue;
    const start = match.index;
    tokens.push({ word, raw, start, end: start + match[0].length });
  }
  return tokens;
}

/** The lookup key of a name: its words joined by single spaces. */
export function normaliseSkillText(text: string): string {
  return tokeniseWords(text)
    .map((token) => token.word)
    .join(' ');
}

/** The key with spaces removed, so "power point" finds "PowerPoint". */
export function compactKey(key: string): string {
  return key.replaceAll(' ', '');
}
