import { error } from '@sveltejs/kit';
import type { AuditEntry, ProgrammePerson, Report } from '$shared/schemas/moderation.ts';
import { apiFetch, apiFetchAll } from '$lib/api.ts';
import { required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  const user = signedInUser(locals, url);
  if (user.role !== 'admin') error(403, 'This page is for the instance admin.');
  const q = url.searchParams.get('q') ?? '';
  const [reports, audit, people] = await Promise.all([
    apiFetchAll<Report>('/api/admin/reports', { fetch }),
    apiFetch<{ items: AuditEntry[] }>('/api/admin/audit', { fetch }),
    q
      ? apiFetch<{ items: ProgrammePerson[] }>(`/api/admin/people?q=${encodeURIComponent(q)}`, { fetch })
      : null,
  ]);
  return {
    user,
    q,
    reports: required(reports, url).items,
    audit: required(audit, url).items,
    people: people ? required(people, url).items : null,
  };
};
