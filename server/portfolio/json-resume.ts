import { SKILL_LEVEL_LABELS } from '../../shared/marketplace.ts';
import type { ExportEntry } from './entry-views.ts';

const firstLink = (entry: ExportEntry) => {
  const url = entry.deliverables.find((item) => item.url)?.url;
  return url ? { url } : {};
};

/** What the student says about themselves on their profile, for `basics`; absent on shared exports. */
export interface ResumeAbout {
  location: string;
  links: { label: string; url: string }[];
}

/**
 * JSON Resume (https://jsonresume.org/schema): each entry becomes one of `projects`, and the verified
 * skills are gathered under `skills` at the highest level any supervisor confirmed. `basics.location`
 * and `basics.profiles` are always present (themes such as `elegant` read them unguarded); they are
 * filled from the student's profile only in their own export, never in one made from a share link.
 * The level is also the first keyword, since themes such as `even` show keywords but not `level`.
 */
export function toJsonResume(studentName: string, entries: ExportEntry[], about?: ResumeAbout) {
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
  const location = about?.location.trim();
  return {
    $schema: 'https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json',
    basics: {
      name: studentName,
      location: location ? { city: location } : {},
      profiles: (about?.links ?? []).map((link) => ({ network: link.label, url: link.url })),
    },
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
        ...(entry.confirmedHours === null
          ? []
          : [`${entry.confirmedHours} hours of work, confirmed by the supervisor`]),
        `Endorsement${entry.endorsement.by ? ` from ${entry.endorsement.by}` : ''}: ${entry.endorsement.text}`,
      ],
      keywords: entry.skills.map((skill) => skill.label),
      ...firstLink(entry),
    })),
    skills: [...skills.values()].map((skill) => ({
      name: skill.label,
      level: SKILL_LEVEL_LABELS[skill.level],
      keywords: [SKILL_LEVEL_LABELS[skill.level], ...skill.projects],
    })),
    meta: { version: 'v1.0.0', lastModified: new Date().toISOString().slice(0, 19) },
  };
}
