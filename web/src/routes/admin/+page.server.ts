import { error } from '@sveltejs/kit';
import type { Programme } from '$shared/schemas/programmes.ts';
import type { UnknownSkillUse } from '$shared/schemas/places.ts';
import { apiFetch, apiFetchAll } from '$lib/api.ts';
import { required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { InstanceSummary } from '$lib/programmes/summary.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  const user = signedInUser(locals, url);
  if (user.role !== 'admin') error(403, 'This page is for the instance admin.');
  const [summary, programmes, unknownSkills] = await Promise.all([
    apiFetch<InstanceSummary>('/api/admin/summary', { fetch }),
    apiFetchAll<Programme>('/api/programmes', { fetch }),
    apiFetch<{ items: UnknownSkillUse[] }>('/api/admin/unknown-skills?limit=15', { fetch }),
  ]);
  return {
    user,
    summary: required(summary, url),
    programmes: required(programmes, url).items,
    unknownSkills: required(unknownSkills, url).items,
  };
};
