import { requestDateSettings, TIME_ZONE_COOKIE } from '$lib/format/user-dates.svelte.ts';
import type { LayoutServerLoad } from './$types';

/**
 * Every page knows who is signed in (the header needs it; hooks.server.ts decided it) and how the
 * reader writes dates, so the server render and the browser's hydration format them alike.
 */
export const load: LayoutServerLoad = ({ locals, request, cookies }) => ({
  user: locals.user,
  dateSettings: requestDateSettings(request.headers.get('accept-language'), cookies.get(TIME_ZONE_COOKIE)),
});
