/**
 * Fair exposure. Two effects, both bounded so relevance still leads:
 *  1. Exposure discount: an item (a student on businesses' lists, or a project on students' lists)
 *     shown often recently ranks a little lower — at most `strength` (15%) of its score, reached
 *     gradually (half of it after `halfSaturation` showings). The score shown stays the real one;
 *     only the order changes. Without it, the same few strong students top every business's list.
 *  2. Under-served sectors: if a student's top k has fewer than `minCount` projects from
 *     UNDER_SERVED_SECTORS, the best under-served projects that still fit (score ≥ `floor`) take the
 *     last places of the top k.
 * And two measures to see the effect: the Gini coefficient of how often each student appears in
 * top-k lists, and the under-served share of top-k lists.
 */

export interface Ranked {
  id: string;
  score: number;
}

export interface ExposureOptions {
  strength: number;
  halfSaturation: number;
}

export const DEFAULT_EXPOSURE: ExposureOptions = { strength: 0.15, halfSaturation: 3 };

export interface UnderServedOptions {
  k: number;
  minCount: number;
  floor: number;
}

export const DEFAULT_UNDER_SERVED: UnderServedOptions = { k: 5, minCount: 1, floor: 45 };

/** The factor (≤ 1) an item's ranking score is multiplied by after being shown `shown` times. */
export function exposureDiscount(shown: number, options: ExposureOptions = DEFAULT_EXPOSURE): number {
  if (shown <= 0) return 1;
  return 1 - (options.strength * shown) / (shown + options.halfSaturation);
}

const byScoreThenId = (a: { rank: number; id: string }, b: { rank: number; id: string }) =>
  b.rank - a.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Re-orders items by score × exposure discount; stable for equal ranks (by id). */
export function rerankByExposure<T extends Ranked>(
  items: readonly T[],
  exposure: ReadonlyMap<string, number>,
  options: ExposureOptions = DEFAULT_EXPOSURE,
): T[] {
  return items
    .map((item) => ({
      item,
      id: item.id,
      rank: item.score * exposureDiscount(exposure.get(item.id) ?? 0, options),
    }))
    .sort(byScoreThenId)
    .map(({ item }) => item);
}

/**
 * Makes sure the top k holds at least `minCount` under-served items when any fit. `extra` are
 * under-served candidates from beyond the list (the ranker keeps the best of them while scanning).
 */
export function ensureUnderServed<T extends Ranked>(
  items: readonly T[],
  isUnderServed: (item: T) => boolean,
  extra: readonly T[] = [],
  options: UnderServedOptions = DEFAULT_UNDER_SERVED,
): T[] {
  const result = [...items];
  const k = Math.min(options.k, result.length);
  const present = result.slice(0, k).filter(isUnderServed).length;
  if (present >= options.minCount) return result;
  const inTop = new Set(result.slice(0, k).map((item) => item.id));
  const candidates = [...result.slice(k), ...extra]
    .filter((item) => isUnderServed(item) && item.score >= options.floor && !inTop.has(item.id))
    .sort((a, b) => b.score - a.score);
  const unique = candidates.filter(
    (item, index) => candidates.findIndex((other) => other.id === item.id) === index,
  );
  let slot = k - 1;
  for (const promoted of unique.slice(0, options.minCount - present)) {
    // Replace the lowest item that is not itself under-served; it moves down, it is not dropped.
    while (slot >= 0 && isUnderServed(result[slot] as T)) slot -= 1;
    if (slot < 0) break;
    const from = result.findIndex((item) => item.id === promoted.id);
    if (from >= 0) result.splice(from, 1);
    result.splice(slot, 0, promoted);
    slot -= 1;
  }
  return result;
}

/** Gini coefficient of non-negative counts: 0 when all equal, near 1 when one holds everything. */
export function gini(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const total = sorted.reduce((sum, value) => sum + value, 0);
  if (n === 0 || total === 0) return 0;
  let weighted = 0;
  sorted.forEach((value, index) => {
    weighted += (index + 1) * value;
  });
  return (2 * weighted) / (n * total) - (n + 1) / n;
}

export interface ExposureReport {
  /** Gini of top-k appearances over the whole population (0 = everyone shown equally). */
  gini: number;
  /** Share of all top-k places taken by the 10% most shown. */
  topDecileShare: number;
  /** How many of the population appear in at least one top-k list. */
  reached: number;
}

export function exposureConcentration(
  lists: readonly (readonly string[])[],
  population: readonly string[],
  k: number,
): ExposureReport {
  const counts = new Map<string, number>(population.map((id) => [id, 0]));
  for (const list of lists) for (const id of list.slice(0, k)) counts.set(id, (counts.get(id) ?? 0) + 1);
  const values = [...counts.values()];
  const sorted = [...values].sort((a, b) => b - a);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  const decile = Math.max(1, Math.ceil(sorted.length / 10));
  const top = sorted.slice(0, decile).reduce((sum, value) => sum + value, 0);
  return {
    gini: gini(values),
    topDecileShare: total === 0 ? 0 : top / total,
    reached: values.filter((value) => value > 0).length,
  };
}

/** Share of top-k places held by under-served items, and share of lists with at least one. */
export function underServedShare(
  lists: readonly (readonly string[])[],
  isUnderServed: (id: string) => boolean,
  k: number,
): { places: number; listsWithOne: number } {
  let places = 0;
  let underServed = 0;
  let withOne = 0;
  for (const list of lists) {
    const top = list.slice(0, k);
    const count = top.filter(isUnderServed).length;
    places += top.length;
    underServed += count;
    if (count > 0) withOne += 1;
  }
  return {
    places: places === 0 ? 0 : underServed / places,
    listsWithOne: lists.length === 0 ? 0 : withOne / lists.length,
  };
}
