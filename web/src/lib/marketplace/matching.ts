import type { Project, SkillNeed } from '$shared/schemas/marketplace-views.ts';

/**
 * What the matcher answers, best first, each with a score (0–100), the reasons in plain words and
 * what would raise it. `GET /api/students/me/matches` answers 409 `profile_incomplete` until the
 * profile has skills and hours.
 */
export interface ProjectMatch {
  project: Pick<Project, 'id'> & Partial<Project>;
  score: number;
  reasons: string[];
  improve?: string[];
}

export interface StudentMatch {
  student: { id: string; name?: string; headline?: string; skills?: SkillNeed[]; hoursPerWeek?: number };
  score: number;
  reasons: string[];
  improve?: string[];
  applied?: boolean;
  applicationId?: string | null;
}

/** `GET /api/projects/:id/matches`: everyone who fits, the applicants ranked, and students worth inviting. */
export interface ProjectMatches {
  items: StudentMatch[];
  applicants?: StudentMatch[];
  suggested?: StudentMatch[];
}
