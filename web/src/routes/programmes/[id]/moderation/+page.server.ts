import type { Programme } from '$shared/schemas/programmes.ts';
import type { Report } from '$shared/schemas/moderation.ts';
import { apiFetch, apiFetchAll } from '$lib/api.ts';
import { required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

type ProgrammeOrg = { id: string; name: string; sector: string; cohort: string; verified: boolean };
type ProgrammeProject = { id: string; title: string; orgName: string; status: string; moderation: string };

export const load: PageServerLoad = async ({ locals, url, params, fetch }) => {
  const user = signedInUser(locals, url);
  const base = `/api/programmes/${encodeURIComponent(params.id)}`;
  const [programme, reports, orgs, projects] = await Promise.all([
    apiFetch<Programme>(base, { fetch }),
    apiFetchAll<Report>(`${base}/reports`, { fetch }),
    apiFetchAll<ProgrammeOrg>(`${base}/orgs?limit=100`, { fetch }),
    apiFetchAll<ProgrammeProject>(`${base}/projects?limit=100`, { fetch }),
  ]);
  // The API pages newest first; the page puts what needs the staff first, as it always has.
  const byName = new Intl.Collator('en');
  const orgList = required(orgs, url).items.sort(
    (a, b) => Number(a.verified) - Number(b.verified) || byName.compare(a.name, b.name),
  );
  const projectList = required(projects, url).items.sort(
    (a, b) => Number(a.moderation === 'visible') - Number(b.moderation === 'visible'),
  );
  return {
    user,
    programme: required(programme, url),
    reports: required(reports, url).items,
    orgs: orgList,
    projects: projectList,
  };
};
