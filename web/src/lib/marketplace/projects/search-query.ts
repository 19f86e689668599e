import { SECTORS, WORK_MODES, type Sector, type WorkMode } from '$shared/marketplace.ts';

/** The discovery filters, as they appear in the page's URL and in `GET /api/projects`. */
export interface SearchFilters {
  q: string;
  sector: Sector | '';
  skills: string;
  maxHours: number | null;
  minWeeks: number | null;
  maxWeeks: number | null;
  remote: WorkMode | '';
  minFee: number | null;
}

const whole = (value: string | null) => {
  if (value === null || value.trim() === '') return null;
  const number = Number(value);
  return Number.isInteger(number) && number >= 0 ? number : null;
};

export function filtersFrom(params: URLSearchParams): SearchFilters {
  const sector = params.get('sector');
  const remote = params.get('remote');
  return {
    q: params.get('q')?.trim() ?? '',
    sector: SECTORS.find((value) => value === sector) ?? '',
    skills: params.get('skills')?.trim() ?? '',
    maxHours: whole(params.get('maxHours')),
    minWeeks: whole(params.get('minWeeks')),
    maxWeeks: whole(params.get('maxWeeks')),
    remote: WORK_MODES.find((value) => value === remote) ?? '',
    minFee: whole(params.get('minFee')),
  };
}

/** Only the filters that are set, so a shared link reads `?skills=canva&maxHours=8`. */
export function toQueryString(filters: SearchFilters): string {
  const pairs = Object.entries(filters)
    .map(([key, value]) => [key, value === null ? '' : String(value).trim()])
    .filter(([, value]) => value !== '');
  return new URLSearchParams(pairs).toString();
}

export function hasFilters(filters: SearchFilters): boolean {
  return toQueryString(filters) !== '';
}
