import { inCategory, skill, type RelatedSpec, type SkillDraft, type SkillExtras } from '../define.ts';

/**
 * A spoken or signed language. Every one is related to translation (medium): speaking a language well
 * is half of translating it. `names` are the language's own names and common misspellings.
 */
function language(
  id: string,
  label: string,
  names: readonly string[],
  related: RelatedSpec = {},
  extras: SkillExtras = {},
): SkillDraft {
  const key = label.toLowerCase();
  return skill(
    id,
    label,
    [
      ...names,
      `${key} speaker`,
      `fluent ${key}`,
      `${key} language`,
      `native ${key}`,
      `speak ${key}`,
      `speaks ${key}`,
    ],
    { ...related, medium: [...(related.medium ?? []), 'translation'] },
    extras,
  );
}

export const LANGUAGE_SKILLS = inCategory('languages', [
  skill(
    'translation',
    'Translation',
    [
      'translating',
      'translator',
      'translations',
      'localisation',
      'localization',
      'translate',
      'bilingual',
      'multilingual',
      'translating documents',
      'translate materials',
      'languages',
      'foreign languages',
    ],
    {
      strong: ['interpreting'],
      medium: ['editing-proofreading', 'plain-english'],
    },
  ),
  skill(
    'interpreting',
    'Interpreting',
    ['interpreter', 'interpretation', 'community interpreting', 'interpreting services', 'language support'],
    {
      strong: ['translation'],
      medium: ['british-sign-language'],
    },
  ),
  language('spanish', 'Spanish', ['espanol', 'castellano', 'spanish speaking', 'spansih', 'spanish fluent']),
  language('french', 'French', ['francais', 'french speaking']),
  language('german', 'German', ['deutsch', 'german speaking']),
  language('italian', 'Italian', ['italiano']),
  language('portuguese', 'Portuguese', ['portugues', 'brazilian portuguese', 'portugese'], {
    medium: ['spanish'],
  }),
  language(
    'polish',
    'Polish',
    ['polski', 'polish speaking', 'polish fluent', 'język polski'],
    {},
    { exactCase: ['Polish'] },
  ),
  language('arabic', 'Arabic', [
    'arabic speaking',
    'modern standard arabic',
    'arabic fluent',
    'levantine arabic',
    'egyptian arabic',
    'darija',
  ]),
  language('urdu', 'Urdu', ['urdu speaking'], { strong: ['hindi'] }),
  language('punjabi', 'Punjabi', ['panjabi', 'punjabi speaking', 'gurmukhi', 'shahmukhi']),
  language('hindi', 'Hindi', ['hindi speaking'], { strong: ['urdu'] }),
  language('bengali', 'Bengali', ['bangla', 'sylheti', 'bengali speaking']),
  language('gujarati', 'Gujarati', ['gujrati', 'gujarati speaking']),
  language('tamil', 'Tamil', ['tamil speaking']),
  language(
    'mandarin',
    'Mandarin Chinese',
    ['mandarin', 'chinese', 'putonghua', 'chinese mandarin', 'simplified chinese', 'mandarin speaking'],
    { medium: ['cantonese'] },
  ),
  language('cantonese', 'Cantonese', ['cantonese speaking', 'traditional chinese'], { medium: ['mandarin'] }),
  language('japanese', 'Japanese', ['nihongo']),
  language('korean', 'Korean', ['hangul']),
  language('russian', 'Russian', ['russian speaking'], { medium: ['ukrainian'] }),
  language('ukrainian', 'Ukrainian', ['ukranian', 'ukrainian speaking'], { medium: ['russian'] }),
  language('romanian', 'Romanian', ['romanian speaking', 'moldovan']),
  language('turkish', 'Turkish', ['turkce', 'turkish speaking']),
  language('somali', 'Somali', ['somali speaking']),
  language('farsi', 'Farsi (Persian)', ['farsi', 'persian', 'dari', 'farsi speaking']),
  language('pashto', 'Pashto', ['pashtu', 'pushto']),
  language('kurdish', 'Kurdish', ['kurmanji', 'sorani', 'kurdish speaking']),
  language('tigrinya', 'Tigrinya', ['tigrigna']),
  language('amharic', 'Amharic', ['amharic speaking']),
  language('swahili', 'Swahili', ['kiswahili']),
  language('yoruba', 'Yoruba', ['yoruba speaking']),
  language('igbo', 'Igbo', ['ibo']),
  language('tagalog', 'Tagalog', ['filipino language', 'tagalog speaking']),
  language('vietnamese', 'Vietnamese', ['tieng viet']),
  language('welsh', 'Welsh', ['cymraeg', 'welsh speaking', 'welsh speaker'], { weak: ['irish'] }),
  language('irish', 'Irish (Gaeilge)', ['gaeilge', 'irish gaelic', 'irish language'], {
    medium: ['scottish-gaelic'],
  }),
  language('scottish-gaelic', 'Scottish Gaelic', ['gaidhlig', 'gaelic'], { medium: ['irish'] }),
  language('dutch', 'Dutch', ['nederlands', 'flemish']),
  language('greek', 'Greek', ['ellinika']),
  language('lithuanian', 'Lithuanian', ['lietuviu']),
  language('albanian', 'Albanian', ['shqip']),
  language(
    'community-languages',
    'Other community languages',
    ['community languages', 'home language', 'heritage language', 'mother tongue'],
    { medium: ['interpreting'] },
  ),
  skill(
    'british-sign-language',
    'British Sign Language (BSL)',
    [
      'bsl',
      'british sign language',
      'sign language',
      'bsl level 1',
      'bsl level 2',
      'bsl level 3',
      'signing bsl',
      'british sign',
      'bsl signer',
      'deaf awareness',
    ],
    { medium: ['makaton', 'interpreting', 'accessibility'] },
  ),
  skill('makaton', 'Makaton', ['makaton signing', 'makaton signs', 'signalong'], {
    medium: ['british-sign-language', 'accessibility'],
  }),
  skill('american-sign-language', 'American Sign Language (ASL)', ['asl', 'american sign language'], {
    medium: ['british-sign-language'],
  }),
]);
