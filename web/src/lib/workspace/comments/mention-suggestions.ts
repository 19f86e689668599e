import type { Mentionable } from '$shared/mentions.ts';

/** How many members the @ field offers at once: enough to pick from, short enough to scan. */
export const MAX_SUGGESTIONS = 6;

/**
 * The members to offer for what was typed after "@", best first: for "@Le", Lena Kovacs (the name
 * starts so), then Mia Leclerc (a later word does), then Aleksander Berg (the name contains it);
 * alphabetical within each group.
 */
export function suggestMembers<T extends Mentionable>(typed: string, members: T[]): T[] {
  const needle = typed.toLocaleLowerCase();
  const rank = (name: string) => {
    const lower = name.toLocaleLowerCase();
    if (lower.startsWith(needle)) return 0;
    if (lower.split(/\s+/).some((word) => word.startsWith(needle))) return 1;
    return lower.includes(needle) ? 2 : 3;
  };
  return members
    .map((member) => ({ member, rank: rank(member.name) }))
    .filter(({ rank }) => rank < 3)
    .sort((a, b) => a.rank - b.rank || a.member.name.localeCompare(b.member.name))
    .slice(0, MAX_SUGGESTIONS)
    .map(({ member }) => member);
}
