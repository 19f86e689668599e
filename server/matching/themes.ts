import type { Sector } from '../../shared/marketplace.ts';
import type { SkillCategoryId } from '../../shared/taxonomy/index.ts';
import { THEMES, type Theme } from './theme-list.ts';

export { THEMES, type Theme };

export const THEME_BY_ID = new Map(THEMES.map((theme) => [theme.id, theme]));
if (THEMES.length > 31)
  throw new Error('Themes are kept in a 31-bit set; split the list before adding more.');

/** The bit of a theme in a bit set (there are fewer than 31 themes). */
export const THEME_BIT = new Map(THEMES.map((theme, index) => [theme.id, 1 << index]));

export const THEMES_BY_CATEGORY = new Map<SkillCategoryId, string[]>();
export const THEMES_BY_SECTOR = new Map<Sector, string[]>();
for (const theme of THEMES) {
  for (const category of theme.categories ?? [])
    THEMES_BY_CATEGORY.set(category, [...(THEMES_BY_CATEGORY.get(category) ?? []), theme.id]);
  for (const sector of theme.sectors ?? [])
    THEMES_BY_SECTOR.set(sector, [...(THEMES_BY_SECTOR.get(sector) ?? []), theme.id]);
}

export function themeBits(themeIds: Iterable<string>): number {
  let bits = 0;
  for (const id of themeIds) bits |= THEME_BIT.get(id) ?? 0;
  return bits;
}

export function themesOfBits(bits: number): Theme[] {
  return THEMES.filter((_, index) => (bits & (1 << index)) !== 0);
}

export function countBits(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count += 1;
  return count;
}
