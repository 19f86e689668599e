import { createRequire } from 'node:module';
import { render as renderEven } from 'jsonresume-theme-even';
import { describe, expect, it } from 'vitest';
import { toJsonResume } from '../../../server/portfolio/json-resume.ts';
import { makeExportEntry } from '../../helpers/export-entry.ts';

const require = createRequire(import.meta.url);
const resumeSchema = require('@jsonresume/schema') as {
  validate(resume: unknown, done: (errors: unknown, valid: boolean) => void): void;
};
const elegant = require('jsonresume-theme-elegant') as { render(resume: unknown): string };

const validate = (resume: unknown) =>
  new Promise<{ errors: unknown; valid: boolean }>((resolve) =>
    resumeSchema.validate(resume, (errors, valid) => resolve({ errors, valid })),
  );

/** Themes change the resume they are given; each gets its own copy. */
const themes = {
  even: (resume: unknown) => renderEven(structuredClone(resume) as Parameters<typeof renderEven>[0]),
  elegant: (resume: unknown) => elegant.render(structuredClone(resume)),
};

const about = {
  location: 'Leeds',
  links: [
    { label: 'GitHub', url: 'https://github.com/zoe-makes' },
    { label: 'Site', url: 'https://zoe.example.org/' },
  ],
};

describe('JSON Resume export', () => {
  it('is valid, names location and profiles, and carries skill levels', async () => {
    const entries = [
      makeExportEntry(),
      makeExportEntry({
        title: 'Stock count for Eastside Food Bank',
        skills: [
          { skillId: 'instagram', label: 'Instagram', level: 3 },
          { skillId: 'excel', label: 'Excel', level: 1 },
        ],
      }),
    ];
    const resume = toJsonResume('Zoë Ñúñez', entries, about);
    expect(await validate(resume)).toEqual({ errors: null, valid: true });
    expect(resume.basics).toEqual({
      name: 'Zoë Ñúñez',
      location: { city: 'Leeds' },
      profiles: [
        { network: 'GitHub', url: 'https://github.com/zoe-makes' },
        { network: 'Site', url: 'https://zoe.example.org/' },
      ],
    });
    // The highest level any supervisor verified, also as the first keyword for themes without levels.
    expect(resume.skills).toEqual([
      { name: 'Instagram', level: 'Advanced', keywords: ['Advanced', entries[0]!.title, entries[1]!.title] },
      { name: 'Excel', level: 'Beginner', keywords: ['Beginner', entries[1]!.title] },
    ]);
  });

  it('a shared export says nothing about the student beyond the name, and stays valid', async () => {
    const resume = toJsonResume('Zoë Ñúñez', [makeExportEntry()]);
    expect(resume.basics).toEqual({ name: 'Zoë Ñúñez', location: {}, profiles: [] });
    expect(await validate(resume)).toEqual({ errors: null, valid: true });
    expect(await validate(toJsonResume('Zoë', []))).toEqual({ errors: null, valid: true });
  });

  for (const [name, render] of Object.entries(themes)) {
    it(`renders with jsonresume-theme-${name}, skills with their levels`, () => {
      for (const resume of [
        toJsonResume('Zoë Ñúñez', [makeExportEntry()], about),
        toJsonResume('Zoë Ñúñez', [makeExportEntry()]),
      ]) {
        const html = render(resume);
        expect(html).toContain('Zoë Ñúñez');
        expect(html).toContain('Instagram launch for Corner Thread Fabrics');
        const skills = html.slice(html.indexOf('Skills'));
        expect(skills).toContain('Instagram');
        expect(skills).toContain('Confident');
      }
      expect(render(toJsonResume('Zoë Ñúñez', [makeExportEntry()], about))).toContain('Leeds');
    });
  }
});
