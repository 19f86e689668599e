import type { TimeLog, TimeLogEntry } from '$shared/schemas/time-log.ts';
import { apiFetch } from '$lib/api.ts';

/** The time log's API calls, in one place for its components. */

const base = (workspaceId: string) => `/api/workspaces/${encodeURIComponent(workspaceId)}/time-log`;

export const getTimeLog = (workspaceId: string, fetchImpl?: typeof fetch) =>
  apiFetch<TimeLog>(base(workspaceId), { fetch: fetchImpl });

export const setTimeLogEnabled = (workspaceId: string, enabled: boolean) =>
  apiFetch<TimeLog>(`${base(workspaceId)}/settings`, { method: 'PUT', body: { enabled } });

export const logWeek = (workspaceId: string, week: string, hours: number, summary: string) =>
  apiFetch<TimeLogEntry>(`${base(workspaceId)}/weeks/${encodeURIComponent(week)}`, {
    method: 'PUT',
    body: { hours, summary },
  });

export const confirmWeek = (entryId: string) =>
  apiFetch<TimeLogEntry>(`/api/time-log/${encodeURIComponent(entryId)}/confirm`, { method: 'POST' });

export const returnWeek = (entryId: string, note: string) =>
  apiFetch<TimeLogEntry>(`/api/time-log/${encodeURIComponent(entryId)}/return`, {
    method: 'POST',
    body: { note },
  });

/** "11.5 h" with the user's decimal mark. */
export const formatHours = (hours: number) =>
  `${hours.toLocaleString(undefined, { maximumFractionDigits: 2 })} h`;

/** This week as `2026-W05` (ISO 8601: the week with the year's first Thursday is week 1). */
export function currentIsoWeek(now = new Date()): string {
  const day = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = new Date(Date.UTC(day.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((day.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
