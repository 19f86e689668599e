import {
  DELIVERABLE_TYPES,
  MAX_DELIVERABLE_BYTES,
  type EntryVisibility,
  type MilestoneReviewKind,
  type MilestoneStatus,
} from '$shared/schemas/portfolio.ts';
import { SKILL_LEVEL_LABELS, type SkillLevel } from '$shared/marketplace.ts';
import { formatDate } from '$lib/marketplace/format.ts';

/** Words for the end of a workspace and the portfolio, as people read them. */

export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, string> = {
  open: 'Open',
  submitted: 'Waiting for review',
  accepted: 'Accepted',
  changes_requested: 'Changes requested',
  dropped: 'Dropped',
};

export const REVIEW_STEP_LABELS: Record<MilestoneReviewKind, string> = {
  submitted: 'Submitted for review',
  changes_requested: 'Changes asked for',
  accepted: 'Accepted as done',
  dropped: 'Dropped from the internship',
};

export const VISIBILITY_OPTIONS: { value: EntryVisibility; label: string; description: string }[] = [
  {
    value: 'private',
    label: 'Private',
    description: 'Only you can see it. Links you shared before stop working.',
  },
  {
    value: 'unlisted',
    label: 'Unlisted link',
    description: 'Anyone with the link can see it; it is not listed on your public page.',
  },
  {
    value: 'public',
    label: 'Public',
    description: 'Listed on your public portfolio page for anyone to see.',
  },
];

export const skillLevelLabel = (level: SkillLevel) => SKILL_LEVEL_LABELS[level];

/** "3 Mar 2026 – 14 Apr 2026". */
export function formatPeriod(startDate: string, endDate: string): string {
  return `${formatDate(startDate)} – ${formatDate(endDate)}`;
}

/** 1536 → "1.5 KB"; binary units, as file managers show them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

export const MAX_UPLOAD_LABEL = formatBytes(MAX_DELIVERABLE_BYTES);

/** "PDF, PNG, JPG…" for the file picker's hint. */
export const ALLOWED_TYPES_LABEL = Object.keys(DELIVERABLE_TYPES)
  .map((extension) => extension.toUpperCase())
  .join(', ');

/**
 * Checks a chosen file against the shared limits before uploading it, so nobody waits for 20 MB
 * to travel only to be refused. The server checks again (and reads the file's real signature).
 */
export function fileProblem(file: File): string | null {
  const extension = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
  if (!(extension in DELIVERABLE_TYPES))
    return `“${file.name}” is not a type Stint accepts. Use one of: ${ALLOWED_TYPES_LABEL}.`;
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (file.size > MAX_DELIVERABLE_BYTES)
    return `“${file.name}” is ${formatBytes(file.size)}; a deliverable can be at most ${MAX_UPLOAD_LABEL}.`;
  return null;
}

/** "docs.example.org" for a link, so people see where it goes before they follow it. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
