/** `GET /api/admin/summary`: the instance admin's headline numbers. */
export interface InstanceSummary {
  programmes: number;
  organisations: number;
  publishedProjects: number;
  filledProjects: number;
  placements: number;
  completedPlacements: number;
}

export const SUMMARY_LABELS: [keyof InstanceSummary, string][] = [
  ['programmes', 'Programmes'],
  ['organisations', 'Organisations'],
  ['publishedProjects', 'Projects published'],
  ['filledProjects', 'Projects filled'],
  ['placements', 'Placements started'],
  ['completedPlacements', 'Placements completed'],
];

/** Nothing to show until a project has been published. */
export const hasFigures = (summary: InstanceSummary) => summary.publishedProjects > 0;
