/**
 * @mentions in comments and chat: "@" followed by a member's name as the autocomplete writes it
 * ("@Aisha Rahman"). Shared so the server (which notifies) and the web (which highlights) agree on
 * what counts as a mention. Matching is case-insensitive and needs a non-letter after the name,
 * so "@Ann" does not mention someone called "Anna"; the longest name wins ("@Ann Lee" over "@Ann").
 */
export interface Mentionable {
  id: string;
  name: string;
}

export type MentionPart = { kind: 'text'; text: string } | { kind: 'mention'; text: string; userId: string };

const LETTER = /[\p{L}\p{N}_]/u;

function memberAt<T extends Mentionable>(body: string, at: number, byLength: T[]): T | undefined {
  const rest = body.slice(at + 1).toLocaleLowerCase();
  return byLength.find((member) => {
    const name = member.name.toLocaleLowerCase();
    if (!name || !rest.startsWith(name)) return false;
    const after = rest.charAt(name.length);
    return after === '' || !LETTER.test(after);
  });
}

/** Splits a body into text and mentions of the given members; anything else stays text. */
export function splitMentions(body: string, members: Mentionable[]): MentionPart[] {
  const byLength = [...members].sort((a, b) => b.name.length - a.name.length);
  const parts: MentionPart[] = [];
  let text = '';
  for (let index = 0; index < body.length; index += 1) {
    const before = index === 0 ? '' : body.charAt(index - 1);
    const member = body[index] === '@' && !LETTER.test(before) ? memberAt(body, index, byLength) : undefined;
    if (!member) {
      text += body.charAt(index);
      continue;
    }
    if (text) parts.push({ kind: 'text', text });
    text = '';
    const length = member.name.length + 1;
    parts.push({ kind: 'mention', text: body.slice(index, index + length), userId: member.id });
    index += length - 1;
  }
  if (text) parts.push({ kind: 'text', text });
  return parts;
}

/** The members mentioned in a body, each once. */
export function findMentions<T extends Mentionable>(body: string, members: T[]): T[] {
  const ids = new Set(
    splitMentions(body, members).flatMap((part) => (part.kind === 'mention' ? [part.userId] : [])),
  );
  return members.filter((member) => ids.has(member.id));
}
