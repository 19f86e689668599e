import { apiFetch, apiFetchAll } from '$lib/api.ts';
import { optional, signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

interface InvitePreview {
  programmeId: string;
  programmeName: string;
  audience: 'organisation' | 'student';
  cohort: string;
}

export const load: PageServerLoad = async ({ locals, url, params, fetch }) => {
  const user = signedInUser(locals, url);
  const code = params.code;
  const preview = await apiFetch<InvitePreview>(`/api/programme-invites/${encodeURIComponent(code)}`, {
    fetch,
  });
  const orgs =
    user.role === 'supervisor'
      ? (optional(await apiFetchAll<{ id: string; name: string }>('/api/orgs', { fetch }))?.items ?? [])
      : [];
  return {
    user,
    code,
    invite: preview.ok ? preview.data : null,
    problem: preview.ok ? null : preview.error.message,
    orgs,
  };
};
