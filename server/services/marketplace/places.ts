import { gazetteer, placeLabel, type Place } from '../../matching/gazetteer.ts';
import type { PlaceLookup, PlaceView } from '../../../shared/schemas/places.ts';

/**
 * What a form learns about a place someone typed: the place it is read as, or — when the
 * gazetteer knows no such place — suggestions to pick from, so nobody is matched on a guess.
 */
export function lookUpPlace(q: string, limit: number): PlaceLookup {
  const places = gazetteer();
  const resolved = places.resolve(q);
  const items = (resolved ? [resolved] : []).concat(places.suggest(q, limit + 1));
  const seen = new Set<string>();
  const unique = items.map(toView).filter((view) => {
    const key = `${view.label}|${view.lat}|${view.lon}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { q, resolved: resolved ? toView(resolved) : null, items: unique.slice(0, limit), next: null };
}

function toView(place: Place): PlaceView {
  return {
    name: place.name,
    region: place.region,
    country: place.country,
    label: placeLabel(place),
    lat: place.lat,
    lon: place.lon,
  };
}
