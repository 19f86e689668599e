import type { Notification } from '$shared/live.ts';
import { apiFetch } from '$lib/api.ts';
import { required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  const user = signedInUser(locals, url);
  const page = required(
    await apiFetch<{ items: Notification[]; next: string | null; unread: number }>('/api/notifications', {
      fetch,
    }),
    url,
  );
  return { user, notifications: page };
};
