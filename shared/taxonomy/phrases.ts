import { SKILLS } from './lookup.ts';
import { normaliseSkillText, tokeniseWords } from './normalise.ts';
import type { TextGuard } from './types.ts';

/** One name of a skill, as the words a matcher looks for. */
export interface PhraseEntry {
  skillId: string;
  words: readonly string[];
  /** Only counts when written with this capitalisation (one raw word per word). */
  exactCase?: readonly string[];
  guard?: TextGuard;
}

/** A match over a word sequence: words [start, end) are the skill's name. */
export interface TokenMatch {
  skillId: string;
  start: number;
  end: number;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  entries: PhraseEntry[];
}

const newNode = (): TrieNode => ({ next: new Map(), entries: [] });

/**
 * Finds skill names in a sequence of words: at each position the longest name that fits wins, and
 * matching resumes after it, so "google sheets" is Google Sheets, not "sheets". Whole words only.
 */
export class PhraseMatcher {
  private readonly root = newNode();

  constructor(entries: Iterable<PhraseEntry>) {
    for (const entry of entries) {
      if (entry.words.length === 0) continue;
      let node = this.root;
      for (const word of entry.words) {
        let child = node.next.get(word);
        if (!child) {
          child = newNode();
          node.next.set(word, child);
        }
        node = child;
      }
      if (!node.entries.some((existing) => existing.skillId === entry.skillId && sameCase(existing, entry)))
        node.entries.push(entry);
    }
  }

  /** `raw` (the words as written) is needed for exact-case names; without it they never match. */
  match(words: readonly string[], raw?: readonly string[]): TokenMatch[] {
    const matches: TokenMatch[] = [];
    let position = 0;
    while (position < words.length) {
      const found = this.longestAt(words, raw, position);
      if (found) {
        matches.push(found);
        position = found.end;
      } else {
        position += 1;
      }
    }
    return matches;
  }

  private longestAt(
    words: readonly string[],
    raw: readonly string[] | undefined,
    start: number,
  ): TokenMatch | undefined {
    let node: TrieNode | undefined = this.root;
    let best: TokenMatch | undefined;
    for (let end = start; end < words.length; end += 1) {
      node = node.next.get(words[end] ?? '');
      if (!node) break;
      for (const entry of node.entries) {
        if (accepts(entry, words, raw, start, end + 1)) {
          best = { skillId: entry.skillId, start, end: end + 1 };
          break;
        }
      }
    }
    return best;
  }
}

function sameCase(a: PhraseEntry, b: PhraseEntry): boolean {
  return (a.exactCase ?? []).join(' ') === (b.exactCase ?? []).join(' ');
}

function accepts(
  entry: PhraseEntry,
  words: readonly string[],
  raw: readonly string[] | undefined,
  start: number,
  end: number,
): boolean {
  if (entry.exactCase) {
    if (!raw) return false;
    for (let index = start; index < end; index += 1) {
      if (raw[index] !== entry.exactCase[index - start]) return false;
    }
  }
  // Guards only apply to one-word names: a longer name is specific enough on its own.
  if (entry.guard && end - start === 1) {
    const before = words[start - 1];
    const after = words[end];
    if (before !== undefined && entry.guard.notAfter?.includes(before)) return false;
    if (after !== undefined && entry.guard.notBefore?.includes(after)) return false;
  }
  return true;
}

/** The phrase entries of the whole taxonomy; `transform` lets the server match on lemmas instead. */
export function skillPhraseEntries(
  transform: (words: string[]) => string[] = (words) => words,
): PhraseEntry[] {
  const entries: PhraseEntry[] = [];
  for (const skill of SKILLS) {
    const guard = skill.guard ? { guard: skill.guard } : {};
    // A name that is an ordinary word in another sense ("Polish") only counts with its capitals.
    const caseOnly = new Set(skill.exactCase.map(normaliseSkillText));
    for (const name of [skill.id, skill.label, ...skill.aliases]) {
      if (name === skill.id && name.includes('-')) continue; // "data-analysis" is already the label's words
      const key = normaliseSkillText(name);
      if (caseOnly.has(key)) continue;
      const words = transform(key.split(' ').filter(Boolean));
      entries.push({ skillId: skill.id, words, ...guard });
    }
    for (const name of skill.exactCase) {
      const tokens = tokeniseWords(name);
      entries.push({
        skillId: skill.id,
        words: tokens.map((token) => token.word),
        exactCase: tokens.map((token) => token.raw),
        ...guard,
      });
    }
  }
  return entries;
}

let browserMatcher: PhraseMatcher | null = null;

export interface SkillPhrase {
  skillId: string;
  /** The words of the text that named the skill, as written. */
  phrase: string;
}

/**
 * The skills a piece of text names, each once, in the order they first appear: "I post on insta and
 * design in Canva" → instagram ("insta"), canva ("Canva"). Works in the browser (no lemmas: the
 * server's `extractSkills` also catches "designing posters").
 */
export function matchSkillPhrases(text: string): SkillPhrase[] {
  browserMatcher ??= new PhraseMatcher(skillPhraseEntries());
  const tokens = tokeniseWords(text);
  const seen = new Set<string>();
  const phrases: SkillPhrase[] = [];
  for (const match of browserMatcher.match(
    tokens.map((token) => token.word),
    tokens.map((token) => token.raw),
  )) {
    if (seen.has(match.skillId)) continue;
    seen.add(match.skillId);
    const first = tokens[match.start];
    const last = tokens[match.end - 1];
    phrases.push({ skillId: match.skillId, phrase: first && last ? text.slice(first.start, last.end) : '' });
  }
  return phrases;
}
