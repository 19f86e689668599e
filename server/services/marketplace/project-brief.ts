import type { InitialDocument } from '../workspace/brief-builder.ts';
import type { ProjectRow } from './projects.ts';
import { skillLabel } from './skills.ts';

/**
 * The brief a workspace opens with when it comes from a project: what it is for, what to hand
 * over, the milestones as a checklist, and one board card per milestone.
 */
export function briefFromProject(project: ProjectRow, orgName: string): InitialDocument {
  const milestones = project.milestones.map((milestone) =>
    milestone.week ? `Week ${milestone.week}: ${milestone.title}` : milestone.title,
  );
  return {
    brief: [
      { type: 'heading', level: 1, text: project.title },
      {
        type: 'paragraph',
        text: `${orgName} · ${project.durationWeeks} weeks · ${project.hoursPerWeek} h/week`,
      },
      { type: 'paragraph', text: project.summary },
      { type: 'heading', level: 2, text: 'Goals' },
      project.goals.length > 0
        ? { type: 'bulletList', items: project.goals }
        : { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Deliverables' },
      project.deliverables.length > 0
        ? { type: 'bulletList', items: project.deliverables }
        : { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Milestones' },
      { type: 'taskList', items: (milestones.length > 0 ? milestones : ['']).map((text) => ({ text })) },
      { type: 'heading', level: 2, text: 'Skills' },
      { type: 'paragraph', text: project.skills.map((skill) => skillLabel(skill.skillId)).join(', ') },
      { type: 'heading', level: 2, text: 'Resources' },
      { type: 'paragraph', text: '' },
    ],
    cards: milestones,
  };
}
