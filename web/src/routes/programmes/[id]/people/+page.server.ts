import type { Programme, ProgrammeStaffMember } from '$shared/schemas/programmes.ts';
import type { ProgrammePerson } from '$shared/schemas/moderation.ts';
import { apiFetch, apiFetchAll } from '$lib/api.ts';
import { required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params, fetch }) => {
  const user = signedInUser(locals, url);
  const base = `/api/programmes/${encodeURIComponent(params.id)}`;
  const q = url.searchParams.get('q') ?? '';
  const [programme, staff, invitations, people] = await Promise.all([
    apiFetch<Programme>(base, { fetch }),
    apiFetchAll<ProgrammeStaffMember>(`${base}/staff?limit=100`, { fetch }),
    apiFetchAll<{ id: string; email: string; createdAt: string }>(`${base}/staff-invitations?limit=100`, {
      fetch,
    }),
    apiFetch<{ items: ProgrammePerson[] }>(`${base}/people?q=${encodeURIComponent(q)}`, { fetch }),
  ]);
  return {
    user,
    q,
    programme: required(programme, url),
    staff: required(staff, url).items,
    invitations: required(invitations, url).items,
    people: required(people, url).items,
  };
};
