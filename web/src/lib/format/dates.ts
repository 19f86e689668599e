/**
 * The one way Stint writes dates and times, built on Intl so every reader gets their own
 * language's words and order. Pure: the caller passes the reader's settings (see user-dates.svelte.ts
 * for the page's), so the server render and the browser's hydration format with the same ones.
 *
 * Two kinds of value arrive from the API:
 * - calendar days, `YYYY-MM-DD` (a card's due date, a project's start): a day, not a moment, so they
 *   are written as that day everywhere on earth (formatted in UTC, never shifted by a time zone);
 * - moments, ISO timestamps (a chat message, a saved version): written in the reader's time zone.
 */

export interface DateSettings {
  /** A BCP 47 tag Intl supports, e.g. `en-GB`, `de`, `fr-CA`. */
  locale: string;
  /** An IANA time zone, e.g. `Europe/London`. */
  timeZone: string;
}

/** Until the reader's own settings are known: the programme's home, as the app wrote before. */
export const DEFAULT_DATE_SETTINGS: DateSettings = { locale: 'en-GB', timeZone: 'Europe/London' };

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDay(value: string): boolean {
  return CALENDAR_DAY.test(value);
}

/** Building an Intl formatter is costly next to using one; a page formats hundreds of dates. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, cached);
  }
  return cached;
}

/** A calendar day or a moment as a Date plus the zone to read it in; null when it is not a date. */
function readValue(value: string, settings: DateSettings): { date: Date; timeZone: string } | null {
  const day = isCalendarDay(value);
  const date = new Date(day ? `${value}T12:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return null;
  return { date, timeZone: day ? 'UTC' : settings.timeZone };
}

function format(value: string | null, settings: DateSettings, options: Intl.DateTimeFormatOptions): string {
  if (!value) return '';
  const read = readValue(value, settings);
  if (!read) return value;
  return formatter(settings.locale, { ...options, timeZone: read.timeZone }).format(read.date);
}

/** "1 Sept 2026" (en-GB), "Sep 1, 2026" (en-US), "1. Sept. 2026" (de). */
export function formatDay(value: string | null, settings: DateSettings): string {
  return format(value, settings, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** "1 Sept": a day when the year is plain from the context, e.g. the weeks of a timeline. */
export function formatDayMonth(value: string | null, settings: DateSettings): string {
  return format(value, settings, { day: 'numeric', month: 'short' });
}

/** "Tue 1 Sept": a day of the near past or future, e.g. above a day's chat messages. */
export function formatWeekdayDay(value: string | null, settings: DateSettings): string {
  return format(value, settings, { weekday: 'short', day: 'numeric', month: 'short' });
}

/** "1 Sept 2026, 14:05": a moment someone will want to find again. */
export function formatDateTime(value: string | null, settings: DateSettings): string {
  return format(value, settings, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "14:05" (en-GB) or "2:05 PM" (en-US): a moment of today, e.g. a chat message. */
export function formatTime(value: string | null, settings: DateSettings): string {
  return format(value, settings, { hour: '2-digit', minute: '2-digit' });
}

/** The calendar day it is at `now` in the reader's time zone, as `YYYY-MM-DD`. */
export function calendarDayAt(now: Date | number, settings: Pick<DateSettings, 'timeZone'>): string {
  const parts = formatter('en-US', {
    timeZone: settings.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const DAY_MS = 86_400_000;

/** Whole days from calendar day `from` to calendar day `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** "tomorrow", "in 3 days", "2 days ago" (or the reader's language's words for them). */
export function formatDaysFrom(day: string, today: string, settings: DateSettings): string {
  if (!isCalendarDay(day) || !isCalendarDay(today)) return day;
  return new Intl.RelativeTimeFormat(settings.locale, { numeric: 'auto' }).format(
    daysBetween(today, day),
    'day',
  );
}

/**
 * The reader's language for dates, from an Accept-Language header or `navigator.languages`: the
 * first one, by preference (`q`), that Intl can write; the default when none can.
 */
export function pickLocale(accepted: string | readonly string[] | null | undefined): string {
  const ranked =
    typeof accepted === 'string'
      ? accepted
          .split(',')
          .map((entry, index) => {
            const [tag = '', ...params] = entry.trim().split(';');
            const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
            return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
          })
          .filter((entry) => entry.tag && entry.tag !== '*' && entry.q > 0)
          .sort((a, b) => b.q - a.q || a.index - b.index)
          .map((entry) => entry.tag)
      : [...(accepted ?? [])];
  for (const tag of ranked) {
    try {
      const [supported] = Intl.DateTimeFormat.supportedLocalesOf(tag);
      if (supported) return supported;
    } catch {
      // Not a well-formed language tag: try the next one.
    }
  }
  return DEFAULT_DATE_SETTINGS.locale;
}

/** `name` when it is a time zone Intl knows, otherwise the default. */
export function pickTimeZone(name: string | null | undefined): string {
  if (!name) return DEFAULT_DATE_SETTINGS.timeZone;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return DEFAULT_DATE_SETTINGS.timeZone;
  }
}
