import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SKILL_CATEGORIES,
  SKILL_CATEGORY_IDS,
  SKILLS,
  findSkill,
  getSkill,
  matchSkillPhrases,
  namesOf,
  normaliseSkillText,
  relatedStrength,
} from '../../shared/taxonomy/index.ts';

const ids = (text: string) => matchSkillPhrases(text).map((match) => match.skillId);

describe('skill taxonomy data', () => {
  it('has a few hundred skills with unique kebab-case ids in known categories', () => {
    expect(SKILLS.length).toBeGreaterThanOrEqual(250);
    expect(new Set(SKILLS.map((skill) => skill.id)).size).toBe(SKILLS.length);
    for (const skill of SKILLS) {
      expect(skill.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(SKILL_CATEGORY_IDS).toContain(skill.category);
      expect(skill.label.trim()).not.toBe('');
    }
    for (const category of SKILL_CATEGORIES) {
      expect(
        SKILLS.some((skill) => skill.category === category.id),
        category.id,
      ).toBe(true);
    }
  });

  it('relates skills only to skills that exist, never to themselves', () => {
    for (const skill of SKILLS) {
      for (const related of skill.related) {
        expect(getSkill(related.id), `${skill.id} → ${related.id}`).toBeDefined();
        expect(related.id).not.toBe(skill.id);
      }
    }
  });

  it('never lets one name (or its spaceless form) mean two skills', () => {
    const owners = new Map<string, string>();
    const clashes: string[] = [];
    for (const skill of SKILLS) {
      for (const name of namesOf(skill)) {
        const key = normaliseSkillText(name);
        for (const variant of [key, `compact:${key.replaceAll(' ', '')}`]) {
          const owner = owners.get(variant);
          if (owner && owner !== skill.id) clashes.push(`${variant}: ${owner} / ${skill.id}`);
          owners.set(variant, skill.id);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it('covers the work small organisations offer', () => {
    const wanted = [
      'instagram',
      'tiktok',
      'facebook',
      'linkedin',
      'copywriting',
      'content-writing',
      'graphic-design',
      'canva',
      'adobe-photoshop',
      'photography',
      'video-editing',
      'wordpress',
      'squarespace',
      'shopify',
      'html-css',
      'javascript',
      'data-analysis',
      'excel',
      'google-sheets',
      'bookkeeping',
      'fundraising',
      'grant-writing',
      'event-planning',
      'customer-research',
      'market-research',
      'operations',
      'crm',
      'programming',
      'translation',
      'spanish',
      'polish',
      'arabic',
      'british-sign-language',
      'volunteer-coordination',
      'customer-service',
      'sales',
      'seo',
      'email-marketing',
      'accessibility',
      'project-management',
    ];
    for (const id of wanted) expect(getSkill(id), id).toBeDefined();
  });

  it('uses no Node or browser APIs, so the web app can import it', () => {
    const root = join(import.meta.dirname, '../../shared/taxonomy');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.ts'),
    );
    for (const file of files) {
      const source = readFileSync(join(root, file), 'utf8');
      for (const [, target] of source.matchAll(/from '([^']+)'/g)) expect(target, file).toMatch(/^\.\.?\//);
      expect(source, file).not.toMatch(/\b(process|require|window|document)\./);
    }
  });
});

describe('findSkill', () => {
  it.each([
    ['insta', 'instagram'],
    ['IG', 'instagram'],
    ['Instagram', 'instagram'],
    ['excell', 'excel'],
    ['MS Excel', 'excel'],
    ['photoshop', 'adobe-photoshop'],
    ['photo shop', 'adobe-photoshop'],
    ['Photo-Shop!', 'adobe-photoshop'],
    ['  google   SHEETS ', 'google-sheets'],
    ['data-analysis', 'data-analysis'],
    ['Data analysis', 'data-analysis'],
    ['power point', 'presentation-software'],
    ['C#', 'csharp'],
    ['c++', 'cpp'],
    ['Español', 'spanish'],
    ['BSL', 'british-sign-language'],
    ['Polish', 'polish'],
    ['Word', 'microsoft-word'],
    ['R', 'r-language'],
  ])('%j is %s', (text, id) => {
    expect(findSkill(text)?.id).toBe(id);
  });

  it('forgives one slip in a longer name, but does not guess short or unknown ones', () => {
    expect(findSkill('wordpresss')?.id).toBe('wordpress');
    expect(findSkill('bookkeepign')?.id).toBe('bookkeeping');
    expect(findSkill('xyz')).toBeUndefined();
    expect(findSkill('underwater basket weaving')).toBeUndefined();
    expect(findSkill('')).toBeUndefined();
    expect(findSkill('!!!')).toBeUndefined();
  });

  it('finds every skill by its id, its label and each alias', () => {
    for (const skill of SKILLS) {
      for (const name of namesOf(skill)) expect(findSkill(name)?.id, name).toBe(skill.id);
    }
  });
});

describe('relatedStrength', () => {
  it('reads relations both ways', () => {
    expect(relatedStrength('canva', 'graphic-design')).toBe('strong');
    expect(relatedStrength('graphic-design', 'canva')).toBe('strong');
    expect(relatedStrength('excel', 'data-analysis')).toBe('medium');
    expect(relatedStrength('data-analysis', 'excel')).toBe('medium');
  });

  it('is undefined for unrelated skills, unknown ids and a skill with itself', () => {
    expect(relatedStrength('canva', 'bookkeeping')).toBeUndefined();
    expect(relatedStrength('canva', 'no-such-skill')).toBeUndefined();
    expect(relatedStrength('canva', 'canva')).toBeUndefined();
  });

  it('is symmetric for every pair the data names', () => {
    for (const skill of SKILLS) {
      for (const related of skill.related) {
        expect(relatedStrength(skill.id, related.id)).toBe(relatedStrength(related.id, skill.id));
      }
    }
  });
});

describe('matchSkillPhrases', () => {
  it('finds names in running text, each skill once, with the words as written', () => {
    expect(matchSkillPhrases('I post on Insta daily and design in canva. More insta!')).toEqual([
      { skillId: 'instagram', phrase: 'Insta' },
      { skillId: 'canva', phrase: 'canva' },
    ]);
  });

  it('prefers the longest name', () => {
    expect(ids('tracking in Google Sheets')).toEqual(['google-sheets']);
    expect(ids('social media strategy for a café')).toEqual(['social-media-strategy']);
    expect(ids('video editing and editing')).toEqual(['video-editing', 'editing-proofreading']);
  });

  it('matches whole words only', () => {
    expect(ids('a big figure, a designer bag')).toEqual([]);
    expect(ids('the excellent team')).toEqual([]);
  });

  it('reads ambiguous words in context', () => {
    expect(ids('I excel at talking to people')).toEqual([]);
    expect(ids('I know Excel and excel formulas')).toEqual(['excel', 'excel-formulas']);
    expect(ids('I polish my essays')).toEqual(['academic-writing']);
    expect(ids('fluent in Polish')).toEqual(['polish']);
    expect(ids('grant access to the Google Drive')).toEqual(['google-workspace']);
    expect(ids('wrote a grant for the hall')).toEqual(['grant-writing']);
    expect(ids('Go and R for stats')).toEqual(['r-language', 'statistics']);
  });

  it('reads symbols and spelling variants', () => {
    expect(ids('C# and C++ and node.js')).toEqual(['csharp', 'cpp', 'nodejs']);
    expect(ids('some Photo-shop, TikTok and tik tok')).toEqual(['adobe-photoshop', 'tiktok']);
  });
});
