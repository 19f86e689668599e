import type { z } from 'zod';
import type { RemotePreference, Sector, TimeSlot } from '$shared/marketplace.ts';
import type { StudentProfile } from '$shared/schemas/marketplace-views.ts';
import type { studentProfileInput } from '$shared/schemas/marketplace.ts';
import { linkRow, nextKey, skillRow, type LinkRow, type SkillRow } from '../rows.ts';

export type ProfileInput = z.input<typeof studentProfileInput>;

export interface StretchRow {
  key: number;
  skill: string;
}

/** The profile form's state, seeded from the saved profile. */
export class ProfileDraft {
  headline = $state('');
  skills = $state<SkillRow[]>([]);
  stretchSkills = $state<StretchRow[]>([]);
  interests = $state('');
  goals = $state('');
  sectorsOfInterest = $state<Sector[]>([]);
  hoursPerWeek = $state<number | null>(null);
  availableFrom = $state('');
  availableWeeks = $state<number | null>(null);
  availability = $state<TimeSlot[]>([]);
  remote = $state<RemotePreference>('any');
  location = $state('');
  travelKm = $state<number | null>(null);
  travelMinutes = $state<number | null>(null);
  links = $state<LinkRow[]>([]);

  constructor(profile: StudentProfile) {
    this.headline = profile.headline;
    this.skills =
      profile.skills.length > 0 ? profile.skills.map((s) => skillRow(s.label, s.level)) : [skillRow()];
    this.stretchSkills = profile.stretchSkills.map((s) => ({ key: nextKey(), skill: s.label }));
    this.interests = profile.interests;
    this.goals = profile.goals;
    this.sectorsOfInterest = [...profile.sectorsOfInterest];
    this.hoursPerWeek = profile.hoursPerWeek;
    this.availableFrom = profile.availableFrom ?? '';
    this.availableWeeks = profile.availableWeeks;
    this.availability = [...profile.availability];
    this.remote = profile.remote;
    this.location = profile.location;
    this.travelKm = profile.travelKm;
    this.travelMinutes = profile.travelMinutes;
    this.links = profile.links.map((link) => linkRow(link.label, link.url));
  }

  /** The body for `PUT /api/students/me/profile`; blank rows are left out. */
  toInput(): ProfileInput {
    return {
      headline: this.headline.trim(),
      skills: this.skills
        .filter((s) => s.skill.trim())
        .map((s) => ({ skill: s.skill.trim(), level: s.level })),
      stretchSkills: this.stretchSkills.map((s) => s.skill.trim()).filter(Boolean),
      interests: this.interests.trim(),
      goals: this.goals.trim(),
      sectorsOfInterest: [...this.sectorsOfInterest],
      hoursPerWeek: this.hoursPerWeek,
      availableFrom: this.availableFrom || null,
      availableWeeks: this.availableWeeks,
      availability: [...this.availability],
      remote: this.remote,
      location: this.location.trim(),
      travelKm: this.travelKm,
      travelMinutes: this.travelMinutes,
      links: this.links
        .filter((link) => link.label.trim() || link.url.trim())
        .map((link) => ({ label: link.label.trim() || link.url.trim(), url: link.url.trim() })),
    };
  }
}
