import type { Requirement } from './skills.ts';

/**
 * Generic skills weigh less than specific ones. A skill many projects ask for ("report writing",
 * "social media") says little about whether a student suits this project, so its weight falls with
 * the share of projects that list it: full weight up to 5% of projects, then down by 3× the share
 * above that, never below 0.35. Below 20 projects shares are noise and every skill weighs in full.
 */
export const SPECIFIC_SHARE = 0.05;
export const GENERIC_FLOOR = 0.35;
const MIN_PROJECTS = 20;

export class SkillFrequency {
  private readonly counts = new Map<string, number>();
  private projects = 0;
  /** Changes whenever a count does, so prepared projects know to re-weigh their requirements. */
  version = 0;

  add(needs: readonly Requirement[]): void {
    this.projects += 1;
    for (const need of needs) this.counts.set(need.skillId, (this.counts.get(need.skillId) ?? 0) + 1);
    this.version += 1;
  }

  remove(needs: readonly Requirement[]): void {
    this.projects -= 1;
    for (const need of needs) {
      const count = (this.counts.get(need.skillId) ?? 1) - 1;
      if (count > 0) this.counts.set(need.skillId, count);
      else this.counts.delete(need.skillId);
    }
    this.version += 1;
  }

  /** 0.35–1: how much a requirement of this skill counts, by how few projects ask for it. */
  specificity(skillId: string): number {
    if (this.projects < MIN_PROJECTS) return 1;
    const share = (this.counts.get(skillId) ?? 0) / this.projects;
    return share <= SPECIFIC_SHARE ? 1 : Math.max(GENERIC_FLOOR, 1 - (share - SPECIFIC_SHARE) * 3);
  }
}

/** Weighs a project's requirements against the current frequencies, once per change of them. */
export function weighRequirements(
  holder: { requirements: Requirement[]; weighedAt: number },
  frequency: SkillFrequency,
): void {
  if (holder.weighedAt === frequency.version) return;
  for (const need of holder.requirements) need.weight = need.baseWeight * frequency.specificity(need.skillId);
  holder.weighedAt = frequency.version;
}
