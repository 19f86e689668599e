import {
  PhraseMatcher,
  getSkill,
  matchSkillPhrases,
  normaliseSkillText,
  skillPhraseEntries,
} from '../../shared/taxonomy/index.ts';
import { THEMES, THEMES_BY_CATEGORY, THEME_BY_ID } from './themes.ts';

/**
 * Reading free text: words are lemmatised with wink-nlp (loaded once, on first use, because the model
 * takes ~300 ms to load), so "designing posters" and "design a poster" are the same words, and the
 * taxonomy's names are matched on lemmas as well as on the words as written.
 */

export interface SkillMention {
  skillId: string;
  label: string;
  /** The words in the text that named it. */
  evidence: string;
}

export interface TextFeatures {
  /** Lemma → count, for BM25; skills named in the text add a `skill:<id>` term, so "insta" meets "Instagram". */
  terms: Map<string, number>;
  length: number;
  skills: SkillMention[];
  themeIds: string[];
}

interface Lemma {
  lemma: string;
  surface: string;
  stop: boolean;
  /** A noun or name: only these match one-word skill names by lemma ("sold" is not Sales). */
  noun: boolean;
}

const NOUN_TAGS = new Set(['NOUN', 'PROPN', 'X']);
const PLAIN_WORD = /^[a-z0-9]+$/;
// Small words dropped inside names, so "design a poster" is "design poster".
const FILLERS = new Set([
  'a',
  'an',
  'the',
  'my',
  'our',
  'your',
  'their',
  'his',
  'her',
  'its',
  'this',
  'that',
  'these',
  'those',
  'some',
  'any',
  'new',
]);
// Words that say nothing about a field of work; wink's stop list misses them.
const VAGUE = new Set([
  'want',
  'like',
  'love',
  'would',
  'could',
  'also',
  'really',
  'get',
  'make',
  'year',
  'week',
  'hour',
  'month',
  'day',
  'able',
  'use',
  'help',
  'new',
  'good',
  'great',
  'well',
  'lot',
  'thing',
  'way',
  'time',
  'etc',
  'eg',
  'ie',
  'im',
  'ive',
  'id',
  'keen',
  'interested',
  'interest',
  'hope',
  'experience',
  'skill',
  'project',
  'student',
  'work',
  'job',
  'role',
  'currently',
  'looking',
  'something',
  'bit',
  'lot',
  'much',
  'many',
  'one',
  'two',
  'three',
  'including',
  'include',
  'someone',
]);

interface WinkDoc {
  tokens(): { out(what: unknown): string[] | boolean[] };
}
interface Wink {
  readDoc(text: string): WinkDoc;
  its: { lemma: unknown; value: unknown; type: unknown; stopWordFlag: unknown; pos: unknown };
}

export class TextReader {
  private readonly lemmaMatcher: PhraseMatcher;
  private readonly phraseLemmas = new Map<string, string[]>();

  constructor(private readonly nlp: Wink) {
    // Names are lemmatised once; exact-case names ("Polish") only count as written, so they stay out.
    const entries = skillPhraseEntries((words) => this.lemmatisePhrase(words.join(' '))).filter(
      (entry) => !entry.exactCase,
    );
    this.lemmaMatcher = new PhraseMatcher(entries);
  }

  /** Reads text once into everything the matcher needs. */
  read(text: string): TextFeatures {
    const lemmas = this.lemmatise(text);
    const skills = this.skillsIn(text, lemmas);
    const terms = new Map<string, number>();
    let length = 0;
    for (const token of lemmas) {
      if (token.stop || token.lemma.length < 2 || VAGUE.has(token.lemma) || /^\d+$/.test(token.lemma))
        continue;
      terms.set(token.lemma, (terms.get(token.lemma) ?? 0) + 1);
      length += 1;
    }
    for (const skill of skills) {
      const term = `skill:${skill.skillId}`;
      terms.set(term, (terms.get(term) ?? 0) + 1);
      length += 1;
    }
    return { terms, length, skills, themeIds: themesIn(lemmas, skills) };
  }

  /** The skills a text names or describes, each once, in the order they appear. */
  extractSkills(text: string): SkillMention[] {
    return this.skillsIn(text, this.lemmatise(text));
  }

  private skillsIn(text: string, lemmas: Lemma[]): SkillMention[] {
    const found = new Map<string, SkillMention>();
    for (const { skillId, phrase } of matchSkillPhrases(text)) {
      found.set(skillId, { skillId, label: getSkill(skillId)?.label ?? skillId, evidence: phrase });
    }
    const kept = lemmas.filter((token) => !FILLERS.has(token.lemma));
    for (const match of this.lemmaMatcher.match(kept.map((token) => token.lemma))) {
      if (found.has(match.skillId)) continue;
      const words = kept.slice(match.start, match.end);
      if (words.length === 1 && !words[0]?.noun) continue;
      // One written word can be two lemma words ("de-duplicate"): show it once.
      const evidence = words
        .map((token) => token.surface)
        .filter((surface, index, all) => surface !== all[index - 1])
        .join(' ');
      found.set(match.skillId, {
        skillId: match.skillId,
        label: getSkill(match.skillId)?.label ?? match.skillId,
        evidence,
      });
    }
    return [...found.values()].sort((a, b) => positionOf(text, a.evidence) - positionOf(text, b.evidence));
  }

  /** Words of the text as lemmas in our normal form, punctuation dropped. */
  lemmatise(text: string): Lemma[] {
    const tokens = this.nlp.readDoc(text).tokens();
    const lemmas = tokens.out(this.nlp.its.lemma) as string[];
    const values = tokens.out(this.nlp.its.value) as string[];
    const types = tokens.out(this.nlp.its.type) as string[];
    const stops = tokens.out(this.nlp.its.stopWordFlag) as boolean[];
    const tags = tokens.out(this.nlp.its.pos) as string[];
    const out: Lemma[] = [];
    lemmas.forEach((lemma, index) => {
      const type = types[index];
      if (type !== 'word' && type !== 'hashtag' && type !== 'number') return;
      // Most lemmas are already plain lower-case words; only the rest go through the normaliser.
      const words = PLAIN_WORD.test(lemma) ? [lemma] : normaliseSkillText(lemma).split(' ');
      for (const word of words) {
        if (word)
          out.push({
            lemma: word,
            surface: values[index] ?? word,
            stop: stops[index] === true,
            noun: NOUN_TAGS.has(tags[index] ?? ''),
          });
      }
    });
    return out;
  }

  private lemmatisePhrase(phrase: string): string[] {
    let words = this.phraseLemmas.get(phrase);
    if (!words) {
      words = this.lemmatise(phrase)
        .map((token) => token.lemma)
        .filter((lemma) => !FILLERS.has(lemma));
      this.phraseLemmas.set(phrase, words);
    }
    return words;
  }
}

function positionOf(text: string, evidence: string): number {
  const at = text.toLowerCase().indexOf(evidence.split(' ')[0]?.toLowerCase() ?? '');
  return at < 0 ? text.length : at;
}

const THEME_WORDS = new Map<string, string[]>();
for (const theme of THEMES) {
  for (const keyword of theme.keywords) {
    const key = normaliseSkillText(keyword);
    THEME_WORDS.set(key, [...(THEME_WORDS.get(key) ?? []), theme.id]);
  }
}

/** Themes named by keyword (one word or two) or implied by the categories of skills mentioned. */
function themesIn(lemmas: Lemma[], skills: SkillMention[]): string[] {
  const themes = new Set<string>();
  lemmas.forEach((token, index) => {
    for (const id of THEME_WORDS.get(token.lemma) ?? []) themes.add(id);
    const next = lemmas[index + 1];
    if (next) for (const id of THEME_WORDS.get(`${token.lemma} ${next.lemma}`) ?? []) themes.add(id);
  });
  for (const mention of skills) {
    const category = getSkill(mention.skillId)?.category;
    if (category) for (const id of THEMES_BY_CATEGORY.get(category) ?? []) themes.add(id);
  }
  return [...themes];
}

let reader: Promise<TextReader> | null = null;

/** The one text reader of the process, created on first use. */
export function loadTextReader(): Promise<TextReader> {
  reader ??= (async () => {
    const [{ default: winkNLP }, { default: model }] = await Promise.all([
      import('wink-nlp'),
      import('wink-eng-lite-web-model'),
    ]);
    // Sentence boundaries and part-of-speech tags are all lemmas need; the rest of the pipe is skipped.
    return new TextReader(winkNLP(model, ['sbd', 'pos']) as unknown as Wink);
  })();
  return reader;
}

/** For the project scoping check: the skills a description asks for, with the words that said so. */
export async function extractSkills(text: string): Promise<SkillMention[]> {
  return (await loadTextReader()).extractSkills(text);
}

/** The broad themes a text is about (marketing, nonprofit, data, events…), by keyword and by skills named. */
export async function extractThemes(text: string): Promise<{ id: string; label: string }[]> {
  return (await loadTextReader())
    .read(text)
    .themeIds.map((id) => ({ id, label: THEME_BY_ID.get(id)?.label ?? id }));
}
