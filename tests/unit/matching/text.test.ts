import { beforeAll, describe, expect, it } from 'vitest';
import {
  extractSkills,
  extractThemes,
  loadTextReader,
  type TextReader,
} from '../../../server/matching/text.ts';

let reader: TextReader;
beforeAll(async () => {
  reader = await loadTextReader();
});

const ids = async (text: string) => (await extractSkills(text)).map((skill) => skill.skillId);

describe('extractSkills', () => {
  it('reads skills described in other word forms', async () => {
    expect(await extractSkills('designing posters in canva')).toEqual([
      { skillId: 'graphic-design', label: 'Graphic design', evidence: 'designing posters' },
      { skillId: 'canva', label: 'Canva', evidence: 'canva' },
    ]);
    expect(await ids('She designed a poster')).toEqual(['graphic-design']);
    expect(await ids('grant-writing and analysing data')).toEqual(['grant-writing', 'data-analysis']);
  });

  it('reads nicknames and typos', async () => {
    expect(await ids('I run our insta and do bookeeping in excell')).toEqual([
      'instagram',
      'bookkeeping',
      'excel',
    ]);
  });

  it('does not read verbs as one-word skill names', async () => {
    expect(await ids('so more seats are sold')).toEqual([]);
    expect(await ids('I excel at talking to people')).toEqual([]);
  });

  it('reads a project description the way the scoping check needs', async () => {
    const text =
      'Clean and de-duplicate the donor spreadsheet and move it into a free CRM so Gift Aid claims stop going astray.';
    const found = await extractSkills(text);
    expect(found.map((skill) => skill.skillId)).toEqual(
      expect.arrayContaining(['data-cleaning', 'spreadsheets', 'crm', 'gift-aid']),
    );
    expect(found.find((skill) => skill.skillId === 'data-cleaning')?.evidence).toBe('de-duplicate');
  });

  it('finds nothing in an empty or unrelated text', async () => {
    expect(await extractSkills('')).toEqual([]);
    expect(await extractSkills('The weather is nice today.')).toEqual([]);
  });
});

describe('reading text for matching', () => {
  it('gives lemma terms, skill terms and themes', () => {
    const read = reader.read(
      'I want a career in marketing for charities; I run the insta for my netball club.',
    );
    expect([...read.terms.keys()]).toEqual(
      expect.arrayContaining(['career', 'marketing', 'charity', 'netball', 'skill:instagram']),
    );
    expect(read.terms.has('want')).toBe(false);
    expect(read.themeIds).toEqual(expect.arrayContaining(['marketing', 'nonprofit', 'social-media']));
  });
});

describe('extractThemes', () => {
  it('names the fields a text is about', async () => {
    const themes = (
      await extractThemes('Plan a fundraising gala for our charity and analyse the donor data')
    ).map((theme) => theme.id);
    expect(themes).toEqual(expect.arrayContaining(['fundraising', 'nonprofit', 'events', 'data']));
    expect(await extractThemes('')).toEqual([]);
  });
});
