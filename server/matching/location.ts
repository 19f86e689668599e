import { normaliseSkillText } from '../../shared/taxonomy/index.ts';

/**
 * Places as people type them: "Leeds", "leeds, West Yorkshire", "Central Leeds", "LS1". We compare
 * the main place (the part before the first comma, without filler words): equal main places match,
 * and so does one main place found anywhere in the other ("Manchester" is reachable for a project in
 * "Salford, Greater Manchester").
 */
export interface PlaceKey {
  main: string;
  mainWords: readonly string[];
  words: ReadonlySet<string>;
}

const FILLER = new Set([
  'city',
  'centre',
  'center',
  'central',
  'town',
  'greater',
  'uk',
  'united',
  'kingdom',
  'england',
  'scotland',
  'wales',
  'northern',
  'ireland',
  'area',
  'the',
  'of',
  'near',
  'in',
  'and',
  'borough',
]);

export function placeKey(location: string | null): PlaceKey | null {
  if (location === null) return null;
  const parts = location.split(/[,;/()]/);
  const main = normaliseSkillText(parts[0] ?? '')
    .split(' ')
    .filter((word) => word && !FILLER.has(word))
    .join(' ');
  const words = new Set(
    normaliseSkillText(location)
      .split(' ')
      .filter((word) => word && !FILLER.has(word)),
  );
  if (main === '' && words.size === 0) return null;
  const key = main || [...words].join(' ');
  return { main: key, mainWords: key.split(' '), words };
}

function contains(words: ReadonlySet<string>, phrase: readonly string[]): boolean {
  for (let index = 0; index < phrase.length; index += 1) if (!words.has(phrase[index] ?? '')) return false;
  return phrase.length > 0;
}

export function samePlace(a: PlaceKey | null, b: PlaceKey | null): boolean {
  if (!a || !b) return false;
  return a.main === b.main || contains(b.words, a.mainWords) || contains(a.words, b.mainWords);
}

export function sameLocation(a: string | null, b: string | null): boolean {
  return samePlace(placeKey(a), placeKey(b));
}
