import type { Programme } from '$shared/schemas/programmes.ts';
import type { AuditEntry } from '$shared/schemas/moderation.ts';
import { apiFetch } from '$lib/api.ts';
import { required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params, fetch }) => {
  const user = signedInUser(locals, url);
  const base = `/api/programmes/${encodeURIComponent(params.id)}`;
  const before = url.searchParams.get('before');
  const [programme, audit] = await Promise.all([
    apiFetch<Programme>(base, { fetch }),
    apiFetch<{ items: AuditEntry[]; next: string | null }>(
      `${base}/audit${before ? `?before=${encodeURIComponent(before)}` : ''}`,
      { fetch },
    ),
  ]);
  const log = required(audit, url);
  return { user, programme: required(programme, url), entries: log.items, next: log.next };
};
