import type { LayoutServerLoad } from './$types';

/** Every page knows who is signed in (the header needs it); hooks.server.ts decided it. */
export const load: LayoutServerLoad = ({ locals }) => ({ user: locals.user });
