import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { entryToMarkdown, portfolioToMarkdown } from '../../../server/portfolio/markdown.ts';
import { makeExportEntry } from '../../helpers/export-entry.ts';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

/**
 * Property-style: every title, summary and link drawn from a list of inputs that broke the old
 * hand-escaped export is parsed back by a CommonMark parser (markdown-it, raw HTML on, so a tag that
 * slips through shows) and the document keeps its structure.
 */

const NASTY = [
  ')',
  '(',
  '===',
  '---',
  '~~~',
  '```',
  '`',
  '``code``',
  '1)',
  '1.',
  '2) second',
  '<script>alert(1)</script>',
  '<b>',
  '|',
  '| a | b |',
  '# not a heading',
  '- not a list',
  '+ neither',
  '> not a quote',
  '*not emphasis*',
  '_nor this_',
  '[a](https://evil.example)',
  '![img](x.png)',
  '&amp; &lt;',
  '\\',
  '***',
  'https://bare.example/autolink',
];

const md = new MarkdownIt({ html: true });
// Compare the link destination exactly as written, before markdown-it's own percent-encoding.
md.normalizeLink = (url) => url;

/** The text a reader sees in an inline token; code spans and raw HTML count as a failure to escape. */
function plain(inline: Token): string {
  return (inline.children ?? [])
    .map((child) => {
      if (child.type === 'text') return child.content;
      if (child.type === 'softbreak' || child.type === 'hardbreak') return '\n';
      if (child.type === 'link_open' || child.type === 'link_close') return '';
      return `«${child.type}»`;
    })
    .join('');
}

function structure(markdown: string) {
  const tokens = md.parse(markdown, {});
  const blocks = tokens.filter((token) => token.level === 0 && token.nesting !== -1);
  const h1 = tokens.flatMap((token, index) =>
    token.type === 'heading_open' && token.tag === 'h1' ? [plain(tokens[index + 1]!)] : [],
  );
  const links = tokens
    .filter((token) => token.type === 'inline')
    .flatMap((token) => token.children ?? [])
    .filter((child) => child.type === 'link_open')
    .map((child) => child.attrGet('href'));
  const topParagraphs = tokens.flatMap((token, index) =>
    token.type === 'paragraph_open' && token.level === 0 ? [plain(tokens[index + 1]!)] : [],
  );
  const kinds = blocks.map((token) => token.type);
  return { h1, links, topParagraphs, kinds };
}

const trimLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .join('\n');

const summaries = NASTY.flatMap((nasty) => [
  nasty,
  `Before ${nasty} after`,
  `First line\n${nasty}`,
  `${nasty}\nnext line`,
]);
const titles = NASTY.flatMap((nasty) => [nasty, `Launch ${nasty} plan`]);
const urls = NASTY.flatMap((nasty) => [
  `https://docs.example.org/a_${nasty}`,
  new URL(`https://docs.example.org/p/${nasty}?q=${nasty}`).href,
]).filter((url) => URL.canParse(url) && !/\s/.test(url));

describe('Markdown export', () => {
  it('keeps one h1, the title as typed, and the summary one paragraph, whatever they say', () => {
    // Every title with a plain summary, every summary under a plain title, and each nasty title with
    // each nasty summary of the same kind (the pairs where they could meet in one line break).
    const plainTitle = makeExportEntry().title;
    const plainSummary = makeExportEntry().summary;
    const cases = [
      ...titles.map((title) => ({ title, summary: plainSummary })),
      ...summaries.map((summary) => ({ title: plainTitle, summary })),
      ...NASTY.flatMap((nasty) =>
        summaries.slice(0, 4).map((summary) => ({ title: `${nasty} ${nasty}`, summary })),
      ),
    ];
    for (const { title, summary } of cases) {
      const markdown = entryToMarkdown(makeExportEntry({ title, summary }));
      const parsed = structure(markdown);
      const context = JSON.stringify({ title, summary, markdown });
      expect(parsed.h1, context).toEqual([title]);
      // The organisation line, then the summary, then the closing line: nothing became a heading,
      // a fence, a list or a table.
      expect(parsed.topParagraphs[1], context).toBe(trimLines(summary));
      expect(parsed.kinds.filter((kind) => kind === 'heading_open')).toHaveLength(5);
      expect(parsed.kinds, context).not.toContain('fence');
      expect(parsed.kinds, context).not.toContain('code_block');
      expect(parsed.kinds, context).not.toContain('html_block');
      expect(parsed.kinds, context).not.toContain('hr');
    }
  });

  it('links to every URL exactly as given, and labels them as typed', () => {
    const plainUrl = 'https://docs.example.org/calendar';
    const cases = [
      ...urls.map((url) => ({ url, label: 'Content calendar' })),
      ...NASTY.map((label) => ({ url: plainUrl, label })),
      ...urls.map((url, index) => ({ url, label: NASTY[index % NASTY.length]! })),
    ];
    for (const { url, label } of cases) {
      const entry = makeExportEntry();
      const markdown = entryToMarkdown({
        ...entry,
        deliverables: [{ ...entry.deliverables[0]!, url, title: label }],
      });
      const parsed = structure(markdown);
      const context = JSON.stringify({ url, label, markdown });
      expect(parsed.links[0], context).toBe(url);
      expect(parsed.links.at(-1), context).toBe(entry.verificationUrl);
      const items = md
        .parse(markdown, {})
        .filter(
          (token) => token.type === 'inline' && token.children?.some((child) => child.type === 'link_open'),
        );
      expect(plain(items[0]!), context).toBe(label);
    }
  });

  it('a whole portfolio has one h1 and one h2 per entry', () => {
    const entries = NASTY.map((nasty) => makeExportEntry({ title: `Entry ${nasty}`, summary: nasty }));
    const markdown = portfolioToMarkdown('Zoë <Ñúñez> | 1)', entries);
    const tokens = md.parse(markdown, {});
    const h1 = tokens.filter((token) => token.type === 'heading_open' && token.tag === 'h1');
    const h2 = tokens.flatMap((token, index) =>
      token.type === 'heading_open' && token.tag === 'h2' ? [plain(tokens[index + 1]!)] : [],
    );
    expect(h1).toHaveLength(1);
    expect(h2).toEqual(entries.map((entry) => entry.title));
    expect(portfolioToMarkdown('Zoë', [])).toContain('No completed projects yet.');
  });
});
