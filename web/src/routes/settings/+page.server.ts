import type { EmailMode } from '$shared/email-kinds.ts';
import { apiFetch, apiFetchAll } from '$lib/api.ts';
import { required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  const user = signedInUser(locals, url);
  const preferences = required(
    await apiFetch<{ items: { kind: string; mode: EmailMode }[] }>('/api/me/email-preferences', { fetch }),
    url,
  );
  const sessions = required(
    await apiFetchAll<{ id: string; createdAt: string; lastSeenAt: string; current: boolean }>(
      '/api/me/sessions',
      {
        fetch,
      },
    ),
    url,
  );
  return { user, preferences: preferences.items, sessions: sessions.items };
};
