import type { BlockContent, Heading, ListItem, PhrasingContent, Root, RootContent } from 'mdast';
import { toMarkdown } from 'mdast-util-to-markdown';
import { SKILL_LEVEL_LABELS } from '../../shared/marketplace.ts';
import type { ExportEntry } from './entry-views.ts';
import { formatPeriod, formatSize } from './format.ts';

/**
 * The Markdown export, built as an mdast tree and serialised by `mdast-util-to-markdown`: text people
 * typed is only ever a text node or a link URL, so the serialiser escapes it for the place it lands
 * in (a `)` in a URL, `===` or `1)` at the start of a summary line, a fence, a tag) by construction.
 */

const text = (value: string): PhrasingContent => ({ type: 'text', value });

function heading(depth: number, value: string): Heading {
  return { type: 'heading', depth: Math.min(depth, 6) as Heading['depth'], children: [text(value)] };
}

/** One paragraph per blank-line-separated block; single line breaks stay hard breaks inside it. */
function paragraphs(value: string): BlockContent[] {
  return value
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => ({
      type: 'paragraph',
      children: block
        .split('\n')
        .flatMap((line, index): PhrasingContent[] =>
          index === 0 ? [text(line)] : [{ type: 'break' }, text(line)],
        ),
    }));
}

function list(items: PhrasingContent[][]): RootContent {
  return {
    type: 'list',
    ordered: false,
    spread: false,
    children: items.map((children): ListItem => ({
      type: 'listItem',
      spread: false,
      children: [{ type: 'paragraph', children }],
    })),
  };
}

function entryNodes(entry: ExportEntry, depth: number): RootContent[] {
  const nodes: RootContent[] = [
    heading(depth, entry.title),
    {
      type: 'paragraph',
      children: [
        { type: 'strong', children: [text(entry.organisation)] },
        text(` · ${formatPeriod(entry.startDate, entry.endDate)}`),
        { type: 'break' },
        text(`Intern: ${entry.studentName}`),
      ],
    },
    ...paragraphs(entry.summary),
    heading(depth + 1, 'Supervisor’s endorsement'),
    {
      type: 'blockquote',
      children: [
        ...paragraphs(entry.endorsement.text),
        ...(entry.endorsement.by ? paragraphs(`— ${entry.endorsement.by}`) : []),
      ],
    },
  ];
  if (entry.skills.length > 0) {
    nodes.push(
      heading(depth + 1, 'Verified skills'),
      list(entry.skills.map((skill) => [text(`${skill.label} (${SKILL_LEVEL_LABELS[skill.level]})`)])),
    );
  }
  if (entry.completedTasks.length > 0) {
    nodes.push(
      heading(depth + 1, 'Completed tasks'),
      list(entry.completedTasks.map((task) => [text(task.title)])),
    );
  }
  if (entry.deliverables.length > 0) {
    nodes.push(
      heading(depth + 1, 'Deliverables'),
      list(
        entry.deliverables.map((item) => {
          const target = item.url ?? item.downloadUrl;
          const label: PhrasingContent = target
            ? { type: 'link', url: target, children: [text(item.title)] }
            : text(item.title);
          const detail =
            item.kind === 'file' ? [text(` — ${item.fileName ?? ''}, ${formatSize(item.sizeBytes)}`)] : [];
          return [label, ...detail];
        }),
      ),
    );
  }
  if (entry.verificationUrl) {
    nodes.push({
      type: 'paragraph',
      children: [
        text('Verify this record: '),
        { type: 'link', url: entry.verificationUrl, children: [text(entry.verificationUrl)] },
      ],
    });
  }
  return nodes;
}

const serialise = (children: RootContent[]) =>
  toMarkdown({ type: 'root', children } satisfies Root, {
    bullet: '-',
    emphasis: '_',
    strong: '*',
    rule: '-',
  });

export function entryToMarkdown(entry: ExportEntry): string {
  return serialise([
    ...entryNodes(entry, 1),
    { type: 'paragraph', children: [{ type: 'emphasis', children: [text('Issued through Stint.')] }] },
  ]);
}

export function portfolioToMarkdown(studentName: string, entries: ExportEntry[]): string {
  const children: RootContent[] = [heading(1, `${studentName} — portfolio`)];
  for (const entry of entries) children.push(...entryNodes(entry, 2));
  if (entries.length === 0)
    children.push({
      type: 'paragraph',
      children: [{ type: 'emphasis', children: [text('No completed projects yet.')] }],
    });
  return serialise(children);
}
