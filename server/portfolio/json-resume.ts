import { SKILL_LEVEL_LABELS } from '../../shared/marketplace.ts';
import type { ExportEntry } from './entry-views.ts';

const firstLink = (entry: ExportEntry) => {
  const url = entry.deliverables.find((item) => item.url)?.url;
  return url ? { url } : {};
};

/**
 * JSON Resume (https://jsonresume.org/schema): each entry becomes one of `projects`, and the verified
 * skills are gathered under `skills` at the highest level any supervisor confirmed.
 */
export function toJsonResume(studentName: string, entries: ExportEntry[]) {
  const skills = new Map<string, { label: string; level: 1 | 2 | 3; projects: Set<string> }>();
  for (const entry of entries) {
    for (const skill of entry.skills) {
      const known = skills.get(skill.skillId) ?? {
        label: skill.label,
        level: skill.level,
        projects: new Set(),
      };
      known.level = Math.max(known.level, skill.level) as 1 | 2 | 3;
      known.projects.add(entry.title);
      skills.set(skill.skillId, known);
    }
  }
  return {
    $schema: 'https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json',
    basics: { name: studentName },
    projects: entries.map((entry) => ({
      name: entry.title,
      description: entry.summary || entry.endorsement.text,
      entity: entry.organisation,
      type: 'internship',
      startDate: entry.startDate,
      endDate: entry.endDate,
      roles: ['Intern'],
      highlights: [
        ...entry.completedTasks.map((task) => task.title),
        ...entry.deliverables.map((item) => `Delivered: ${item.title}`),
        `Endorsement${entry.endorsement.by ? ` from ${entry.endorsement.by}` : ''}: ${entry.endorsement.text}`,
      ],
      keywords: entry.skills.map((skill) => skill.label),
      ...firstLink(entry),
    })),
    skills: [...skills.values()].map((skill) => ({
      name: skill.label,
      level: SKILL_LEVEL_LABELS[skill.level],
      keywords: [...skill.projects],
    })),
    meta: { version: 'v1.0.0', lastModified: new Date().toISOString().slice(0, 19) },
  };
}
