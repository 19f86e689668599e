import { apiFetchAll } from '$lib/api.ts';
import { required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

export interface PendingInvitation {
  id: string;
  target: 'workspace' | 'organisation';
  targetId: string;
  targetName: string;
  role: string;
  inviterName: string;
  createdAt: string;
}

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  const user = signedInUser(locals, url);
  const invitations = required(await apiFetchAll<PendingInvitation>('/api/me/invitations', { fetch }), url);
  return { user, invitations: invitations.items };
};
