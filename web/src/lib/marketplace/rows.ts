import type { SkillLevel } from '$shared/marketplace.ts';

/** Editable rows carry a key of their own, so removing one keeps focus and typing in the others. */
export interface MilestoneRow {
  key: number;
  title: string;
  week: number | null;
  hours: number | null;
}

export interface SkillRow {
  key: number;
  skill: string;
  level: SkillLevel;
}

export interface LinkRow {
  key: number;
  label: string;
  url: string;
}

let lastKey = 0;

export function nextKey(): number {
  lastKey += 1;
  return lastKey;
}

export const milestoneRow = (
  title = '',
  week: number | null = null,
  hours: number | null = null,
): MilestoneRow => ({
  key: nextKey(),
  title,
  week,
  hours,
});

export const skillRow = (skill = '', level: SkillLevel = 1): SkillRow => ({ key: nextKey(), skill, level });

export const linkRow = (label = '', url = ''): LinkRow => ({ key: nextKey(), label, url });

/** A number input's text → a whole number, or null when empty or not a number. */
export function parseWhole(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? Math.trunc(value) : null;
}
