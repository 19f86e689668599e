import type { RequestEvent } from '@sveltejs/kit';
import type { PublicUser } from '$shared/schemas/auth.ts';
import { apiFetch } from '$lib/api.ts';

/**
 * Copies only the public fields. The server's session user also carries its session id, and
 * `locals.user` ends up serialised into every page's data.
 */
function toPublicUser({ id, email, name, role, createdAt, emailConfirmed }: PublicUser): PublicUser {
  return { id, email, name, role, createdAt: new Date(createdAt).toISOString(), emailConfirmed };
}

/**
 * Who is asking for this page. In production Express has already resolved the session cookie on
 * the Node request adapter-node hands us; under `npm run dev` there is no such request, so we ask
 * the API like a browser would (handleFetch sends the call over HTTP to Express).
 */
export async function resolveCurrentUser(event: RequestEvent): Promise<PublicUser | null> {
  const req = event.platform?.req;
  if (req && 'stintUser' in req) return req.stintUser ? toPublicUser(req.stintUser) : null;

  const result = await apiFetch<PublicUser>('/api/me', { fetch: event.fetch });
  return result.ok ? toPublicUser(result.data) : null;
}
