import type { Programme } from '$shared/schemas/programmes.ts';
import type { Report } from '$shared/schemas/moderation.ts';
import { apiFetch, apiFetchAll } from '$lib/api.ts';
import { required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

type List<T> = { items: T[] };

export const load: PageServerLoad = async ({ locals, url, params, fetch }) => {
  const user = signedInUser(locals, url);
  const base = `/api/programmes/${encodeURIComponent(params.id)}`;
  const [programme, reports, orgs, projects] = await Promise.all([
    apiFetch<Programme>(base, { fetch }),
    apiFetchAll<Report>(`${base}/reports`, { fetch }),
    apiFetch<List<{ id: string; name: string; sector: string; cohort: string; verified: boolean }>>(
      `${base}/orgs`,
      {
        fetch,
      },
    ),
    apiFetch<List<{ id: string; title: string; orgName: string; status: string; moderation: string }>>(
      `${base}/projects`,
      { fetch },
    ),
  ]);
  return {
    user,
    programme: required(programme, url),
    reports: required(reports, url).items,
    orgs: required(orgs, url).items,
    projects: required(projects, url).items,
  };
};
