/**
 * How a person looks in a workspace: the same colour for their avatar, caret and chat name on every
 * screen (derived from their user id), and their initials. Every colour carries white text at
 * ≥ 6:1, so caret labels and avatars stay readable.
 */
const PERSON_COLOURS = [
  '#1f4e79',
  '#a8431b',
  '#2f6b3a',
  '#6b3fa0',
  '#8a1c4a',
  '#0f6466',
  '#7a5200',
  '#3f4a9c',
  '#9a2f6f',
  '#5a5a14',
] as const;

export function colourFor(userId: string): string {
  // FNV-1a: cheap, and spreads similar ids over the palette.
  let hash = 0x811c9dc5;
  for (const char of userId) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return PERSON_COLOURS[hash % PERSON_COLOURS.length]!;
}

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return `${first}${last}`.toUpperCase();
}

/** "Aisha", "Aisha and Ben", "Aisha, Ben and Chloé". */
export function listOfNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
