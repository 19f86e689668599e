import { resolve } from '$app/paths';
import type { Pathname } from '$app/types';

/**
 * The pages notifications point at. A link the API sends is used only when it is one of these, so
 * a notification can never send someone off-site; anything else falls back to the list itself.
 */
const KNOWN_LINKS = [
  /^\/projects\/[0-9a-f-]{36}(\/applicants)?$/i,
  /^\/applications\/[0-9a-f-]{36}$/i,
  /^\/workspaces\/[0-9a-f-]{36}$/i,
  /^\/orgs\/[0-9a-f-]{36}$/i,
];

/** Narrower than Pathname on purpose: `resolve()` cannot take a union of every route once there are many. */
type NotificationPath = Extract<
  Pathname,
  | '/notifications'
  | `/projects/${string}`
  | `/applications/${string}`
  | `/workspaces/${string}`
  | `/orgs/${string}`
>;

export function notificationPath(link: string): NotificationPath {
  return KNOWN_LINKS.some((pattern) => pattern.test(link)) ? (link as NotificationPath) : '/notifications';
}

/**
 * The resolved href of a notification's link. `resolve` checks one route at a time; given the union
 * of every known path its rest-argument type grows past what TypeScript can check once the app has
 * more than a couple of dozen routes, so it is called here with the one path it receives.
 */
export function notificationHref(link: string): string {
  const resolveOne = resolve as (path: Pathname) => string;
  return resolveOne(notificationPath(link));
}
