import type { OrgSize, Sector, WorkMode } from '$shared/marketplace.ts';
import type { Organisation } from '$shared/schemas/marketplace-views.ts';

export interface OrgFormValues {
  name: string;
  sector: Sector | '';
  size: OrgSize | '';
  location: string;
  workMode: WorkMode | '';
  description: string;
}

export function orgFormValues(org: Partial<Organisation> = {}): OrgFormValues {
  return {
    name: org.name ?? '',
    sector: org.sector ?? '',
    size: org.size ?? '',
    location: org.location ?? '',
    workMode: org.workMode ?? '',
    description: org.description ?? '',
  };
}

/**
 * What the API receives. An unanswered choice is left out rather than sent as "", so the API
 * answers "required" for it instead of "not one of the options".
 */
export function orgInput(values: OrgFormValues): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));
}
