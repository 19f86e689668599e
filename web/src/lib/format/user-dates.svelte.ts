import { page } from '$app/state';
import {
  DEFAULT_DATE_SETTINGS,
  calendarDayAt,
  formatDateTime as formatDateTimeWith,
  formatDay as formatDayWith,
  formatDayMonth as formatDayMonthWith,
  formatDaysFrom as formatDaysFromWith,
  formatTime as formatTimeWith,
  formatWeekdayDay as formatWeekdayDayWith,
  pickLocale,
  pickTimeZone,
  type DateSettings,
} from './dates.ts';

/**
 * Dates written in the reader's settings, for components. How server render and hydration agree:
 * the root layout's server load picks the settings from the request (the locale from
 * Accept-Language, which the browser fills from its own language list; the time zone from a
 * cookie this browser set on an earlier visit), and both the server render and the hydrating
 * browser read them from `page.data`, so both write the same words. Once the page is live,
 * `adoptBrowserDateSettings` switches to the browser's own locale and zone (they differ only on a
 * first visit, before the cookie exists) and stores the zone for the next server render.
 *
 * On the server nothing here is kept between requests: `page` is bound to the current request, and
 * the browser override below is only ever written in the browser.
 */

export const TIME_ZONE_COOKIE = 'stint_tz';

let browserSettings = $state<DateSettings | null>(null);

/** The settings a server render uses for this request. */
export function requestDateSettings(
  acceptLanguage: string | null,
  timeZoneCookie: string | undefined,
): DateSettings {
  return { locale: pickLocale(acceptLanguage), timeZone: pickTimeZone(timeZoneCookie) };
}

export function dateSettings(): DateSettings {
  if (browserSettings) return browserSettings;
  try {
    const fromServer = (page.data as { dateSettings?: DateSettings }).dateSettings;
    return fromServer ?? DEFAULT_DATE_SETTINGS;
  } catch {
    // Outside a component render on the server (e.g. in a load function): no reader to ask.
    return DEFAULT_DATE_SETTINGS;
  }
}

/** Call once, after hydration (root layout's onMount). */
export function adoptBrowserDateSettings(): void {
  const timeZone = pickTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  browserSettings = { locale: pickLocale(navigator.languages), timeZone };
  document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(timeZone)}; path=/; max-age=31536000; samesite=lax`;
}

export const formatDay = (value: string | null) => formatDayWith(value, dateSettings());
export const formatDayMonth = (value: string | null) => formatDayMonthWith(value, dateSettings());
export const formatWeekdayDay = (value: string | null) => formatWeekdayDayWith(value, dateSettings());
export const formatDateTime = (value: string | null) => formatDateTimeWith(value, dateSettings());
export const formatTime = (value: string | null) => formatTimeWith(value, dateSettings());
export const formatDaysFrom = (day: string, today: string) => formatDaysFromWith(day, today, dateSettings());
/** Today's calendar day where the reader is. */
export const today = (now: number = Date.now()) => calendarDayAt(now, dateSettings());
/** The calendar day a moment fell on where the reader is. */
export const calendarDayOf = (iso: string) => calendarDayAt(Date.parse(iso), dateSettings());
