import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DATE_SETTINGS,
  calendarDayAt,
  daysBetween,
  formatDateTime,
  formatDay,
  formatDayMonth,
  formatDaysFrom,
  formatTime,
  formatWeekdayDay,
  pickLocale,
  pickTimeZone,
} from '../../web/src/lib/format/dates.ts';

const uk = { locale: 'en-GB', timeZone: 'Europe/London' };
const us = { locale: 'en-US', timeZone: 'America/New_York' };
const german = { locale: 'de-DE', timeZone: 'Europe/Berlin' };

describe('dates are written in the reader’s language', () => {
  it('writes a calendar day in each locale’s own order and words', () => {
    expect(formatDay('2026-09-01', uk)).toBe('1 Sept 2026');
    expect(formatDay('2026-09-01', us)).toBe('Sep 1, 2026');
    expect(formatDay('2026-09-01', german)).toBe('1. Sept. 2026');
  });

  it('never shifts a calendar day by the reader’s time zone', () => {
    const farWest = { locale: 'en-GB', timeZone: 'Pacific/Pago_Pago' };
    const farEast = { locale: 'en-GB', timeZone: 'Pacific/Kiritimati' };
    expect(formatDay('2026-01-31', farWest)).toBe('31 Jan 2026');
    expect(formatDay('2026-01-31', farEast)).toBe('31 Jan 2026');
    expect(formatDayMonth('2026-01-31', farEast)).toBe('31 Jan');
  });

  it('writes a moment in the reader’s time zone', () => {
    const moment = '2026-03-10T23:30:00Z';
    expect(formatDay(moment, uk)).toBe('10 Mar 2026');
    expect(formatDay(moment, german)).toBe('11. März 2026');
    expect(formatTime(moment, uk)).toBe('23:30');
    expect(formatTime(moment, us)).toBe('07:30 PM');
    expect(formatDateTime(moment, uk)).toBe('10 Mar 2026, 23:30');
    expect(formatWeekdayDay(moment, uk)).toBe('Tue 10 Mar');
  });

  it('leaves what is not a date as it came, and nothing as nothing', () => {
    expect(formatDay(null, uk)).toBe('');
    expect(formatDay('', uk)).toBe('');
    expect(formatDateTime('next Tuesday', uk)).toBe('next Tuesday');
  });

  it('says how far a day is from today in words', () => {
    expect(formatDaysFrom('2026-03-11', '2026-03-10', uk)).toBe('tomorrow');
    expect(formatDaysFrom('2026-03-07', '2026-03-10', uk)).toBe('3 days ago');
    expect(formatDaysFrom('2026-03-17', '2026-03-10', german)).toBe('in 7 Tagen');
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
  });

  it('knows which calendar day it is where the reader is', () => {
    const now = new Date('2026-03-10T23:30:00Z');
    expect(calendarDayAt(now, uk)).toBe('2026-03-10');
    expect(calendarDayAt(now, german)).toBe('2026-03-11');
  });
});

describe('the reader’s settings come from the request', () => {
  it('takes the most preferred language of an Accept-Language header', () => {
    expect(pickLocale('de-DE,de;q=0.9,en;q=0.8')).toBe('de-DE');
    expect(pickLocale('en;q=0.5, fr-CA')).toBe('fr-CA');
    expect(pickLocale(['nl-NL', 'en'])).toBe('nl-NL');
  });

  it('falls back to the default for nothing, a wildcard or a malformed tag', () => {
    expect(pickLocale(null)).toBe(DEFAULT_DATE_SETTINGS.locale);
    expect(pickLocale('*')).toBe(DEFAULT_DATE_SETTINGS.locale);
    expect(pickLocale('not a tag!!, en-US')).toBe('en-US');
    expect(pickLocale('fr;q=0')).toBe(DEFAULT_DATE_SETTINGS.locale);
  });

  it('accepts only time zones Intl knows', () => {
    expect(pickTimeZone('Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(pickTimeZone('Mars/Olympus_Mons')).toBe(DEFAULT_DATE_SETTINGS.timeZone);
    expect(pickTimeZone(undefined)).toBe(DEFAULT_DATE_SETTINGS.timeZone);
  });
});
