import type { Programme, ProgrammeStaffMember } from '$shared/schemas/programmes.ts';
import type { ProgrammePerson } from '$shared/schemas/moderation.ts';
import { apiFetch } from '$lib/api.ts';
import { required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params, fetch }) => {
  const user = signedInUser(locals, url);
  const base = `/api/programmes/${encodeURIComponent(params.id)}`;
  const q = url.searchParams.get('q') ?? '';
  const [programme, staff, people] = await Promise.all([
    apiFetch<Programme>(base, { fetch }),
    apiFetch<{
      items: ProgrammeStaffMember[];
      invitations: { id: string; email: string; createdAt: string }[];
    }>(`${base}/staff`, { fetch }),
    apiFetch<{ items: ProgrammePerson[] }>(`${base}/people?q=${encodeURIComponent(q)}`, { fetch }),
  ]);
  const team = required(staff, url);
  return {
    user,
    q,
    programme: required(programme, url),
    staff: team.items,
    invitations: team.invitations,
    people: required(people, url).items,
  };
};
