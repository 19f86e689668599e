import { SKILL_LEVEL_LABELS } from '../../shared/marketplace.ts';
import type { ExportEntry } from './entry-views.ts';
import { formatPeriod, formatSize } from './format.ts';

/** Text people typed, made inert: it can neither start a heading or list nor open a link or tag. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1').replace(/^(\s*)([#>+-]|\d+\.)(?=\s)/gm, '$1\\$2');
}

/** A link target that cannot end the `(...)` early or smuggle in a title. */
const linkTarget = (url: string) => url.replace(/[()\s<>"]/g, (char) => encodeURIComponent(char));

function entryMarkdown(entry: ExportEntry, level: number): string {
  const h = (depth: number) => '#'.repeat(level + depth);
  const lines: string[] = [];
  lines.push(`${h(0)} ${escapeMarkdown(entry.title)}`, '');
  lines.push(`**${escapeMarkdown(entry.organisation)}** · ${formatPeriod(entry.startDate, entry.endDate)}  `);
  lines.push(`Intern: ${escapeMarkdown(entry.studentName)}`, '');
  if (entry.summary) lines.push(escapeMarkdown(entry.summary), '');
  lines.push(`${h(1)} Supervisor’s endorsement`, '');
  for (const paragraph of entry.endorsement.text.split(/\n+/)) lines.push(`> ${escapeMarkdown(paragraph)}`);
  if (entry.endorsement.by) lines.push('>', `> — ${escapeMarkdown(entry.endorsement.by)}`);
  lines.push('');
  if (entry.skills.length > 0) {
    lines.push(`${h(1)} Verified skills`, '');
    for (const skill of entry.skills)
      lines.push(`- ${escapeMarkdown(skill.label)} (${SKILL_LEVEL_LABELS[skill.level]})`);
    lines.push('');
  }
  if (entry.completedTasks.length > 0) {
    lines.push(`${h(1)} Completed tasks`, '');
    for (const task of entry.completedTasks) lines.push(`- ${escapeMarkdown(task.title)}`);
    lines.push('');
  }
  if (entry.deliverables.length > 0) {
    lines.push(`${h(1)} Deliverables`, '');
    for (const item of entry.deliverables) {
      const target = item.url ?? item.downloadUrl;
      const label = escapeMarkdown(item.title);
      const detail =
        item.kind === 'file'
          ? ` — ${escapeMarkdown(item.fileName ?? '')}, ${formatSize(item.sizeBytes)}`
          : '';
      lines.push(target ? `- [${label}](${linkTarget(target)})${detail}` : `- ${label}${detail}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

export function entryToMarkdown(entry: ExportEntry): string {
  return `${entryMarkdown(entry, 1)}\n_Issued through Stint._\n`;
}

export function portfolioToMarkdown(studentName: string, entries: ExportEntry[]): string {
  const parts = [`# ${escapeMarkdown(studentName)} — portfolio`, ''];
  for (const entry of entries) parts.push(entryMarkdown(entry, 2));
  if (entries.length === 0) parts.push('_No completed projects yet._', '');
  return parts.join('\n');
}
