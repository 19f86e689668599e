import { normaliseSkillText } from '../../shared/taxonomy/index.ts';
import { gapKm, gazetteer, type Place } from './gazetteer.ts';
import type { WorkMode } from '../../shared/marketplace.ts';

/**
 * Where someone is or where work happens, read once: the place the gazetteer resolves the text to
 * (null when it cannot), and the old word key, kept for text no gazetteer knows (data stored
 * before places were checked), where equal names are the only evidence.
 */
export interface Whereabouts {
  place: Place | null;
  key: PlaceKey | null;
}

export function whereabouts(location: string | null): Whereabouts {
  return { place: location ? gazetteer().resolve(location) : null, key: placeKey(location) };
}

/** How far a student travels when they do not say: a long commute across a city or to the next town. */
export const DEFAULT_REACH_KM = 25;
/** Minutes of travel to straight-line km, at the ~30 km/h buses and local trains manage door to door. */
export const KM_PER_MINUTE = 0.5;

export function reachKmOf(travel: { travelKm?: number | null; travelMinutes?: number | null }): number {
  if (travel.travelKm !== undefined && travel.travelKm !== null) return travel.travelKm;
  if (travel.travelMinutes !== undefined && travel.travelMinutes !== null)
    return travel.travelMinutes * KM_PER_MINUTE;
  return DEFAULT_REACH_KM;
}

/** On-site days a week assumed for hybrid work that does not say. */
export const DEFAULT_HYBRID_DAYS = 2;

/**
 * How much further a student goes for work they attend less often: once a week, twice the daily
 * reach; twice a week, one and a half; three days or more (and on-site work), the daily reach.
 */
export function reachFactor(workMode: WorkMode, onsiteDays: number | null | undefined): number {
  if (workMode !== 'hybrid') return 1;
  const days = onsiteDays ?? DEFAULT_HYBRID_DAYS;
  return days <= 1 ? 2 : days <= 2 ? 1.5 : 1;
}

/** Km between the edges of the two places, or null when either cannot be placed on the map. */
export function gapBetween(a: Whereabouts, b: Whereabouts): number | null {
  return a.place && b.place ? gapKm(a.place, b.place) : null;
}

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
