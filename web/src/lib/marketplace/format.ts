import type {
  ApplicationStatus,
  OrgSize,
  ProjectStatus,
  RemotePreference,
  ScheduleFlexibility,
} from '$shared/marketplace.ts';

/**
 * Words and numbers as people read them. One fixed locale, so the page the server renders and the
 * page the browser hydrates say the same thing.
 */
const LOCALE = 'en-GB';

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  draft: 'Draft',
  published: 'Open for applications',
  filled: 'Filled',
  closed: 'Closed',
};

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: 'Submitted',
  shortlisted: 'Shortlisted',
  declined: 'Not selected',
  withdrawn: 'Withdrawn',
  accepted: 'Accepted',
};

export const ORG_SIZE_LABELS: Record<OrgSize, string> = {
  '1-9': '1–9 people',
  '10-49': '10–49 people',
  '50-249': '50–249 people',
  '250+': '250 or more people',
};

export const REMOTE_PREFERENCE_LABELS: Record<RemotePreference, string> = {
  remote_only: 'Remote only',
  onsite_ok: 'On-site or hybrid is fine',
  any: 'Anything works',
};

export const FLEXIBILITY_LABELS: Record<ScheduleFlexibility, string> = {
  flexible: 'Flexible hours — the intern chooses when',
  fixed: 'Set times',
};

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function formatFee(amount: number | null, currency: string): string {
  if (amount === null) return 'Fee not set';
  try {
    return new Intl.NumberFormat(LOCALE, { style: 'currency', currency, maximumFractionDigits: 0 }).format(
      amount,
    );
  } catch {
    return `${amount} ${currency}`;
  }
}

/** Dates are written by the one date module, in the reader's locale and time zone. */
export { formatDay as formatDate, formatDateTime } from '$lib/format/user-dates.svelte.ts';

/** A match score (0–100) as a percentage. */
export function formatScore(score: number): string {
  return `${Math.round(Math.max(0, Math.min(100, score)))}%`;
}
