import type { Handle, HandleFetch } from '@sveltejs/kit';
import { forwardToApi, isOwnApiRequest } from '$lib/server/api-forward.ts';
import { resolveCurrentUser } from '$lib/server/current-user.ts';

/** Auth is decided once per request here; pages and layouts read `locals.user`. */
export const handle: Handle = async ({ event, resolve }) => {
  event.locals.user = await resolveCurrentUser(event);
  return resolve(event);
};

export const handleFetch: HandleFetch = ({ event, request, fetch }) =>
  isOwnApiRequest(event, request) ? forwardToApi(event, request) : fetch(request);
