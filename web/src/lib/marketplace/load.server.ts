import { error, redirect } from '@sveltejs/kit';
import type { PublicUser } from '$shared/schemas/auth.ts';
import type { ApiResult } from '$lib/api.ts';
import { loginPathFor } from '$lib/safe-next.ts';

/** The signed-in visitor, or a redirect to the login page that comes back here afterwards. */
export function signedInUser(locals: App.Locals, url: URL): PublicUser {
  if (!locals.user) redirect(303, loginPathFor(`${url.pathname}${url.search}`));
  return locals.user;
}

/**
 * The data of an API call a page cannot do without, or the error page: an expired session goes to
 * login, a missing or hidden thing is a 404 (with the API's words), our own failure a 503.
 */
export function required<T>(result: ApiResult<T>, url: URL): T {
  if (result.ok) return result.data;
  if (result.status === 401) redirect(303, loginPathFor(`${url.pathname}${url.search}`));
  if (result.status === 400 || result.status === 404) error(404, result.error.message);
  if (result.status === 403) error(403, result.error.message);
  error(result.status >= 500 || result.status === 0 ? 503 : result.status, result.error.message);
}

/**
 * The data of an API call a page can do without (matching, counts): null when it fails, so the page
 * shows what it has instead of an error.
 */
export function optional<T>(result: ApiResult<T>): T | null {
  return result.ok ? result.data : null;
}
