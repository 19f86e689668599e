const BASE = 'http://stint.invalid';

/**
 * Where to go after logging in, from a `?next=` value. Only a path on this site is accepted, judged
 * after resolving it the way a browser resolves a `Location`: `/..//evil.example`, `/.//x`,
 * `/a/..//x` and `/%2e%2e//x` all resolve to a path starting `//`, which browsers treat as another
 * host, so they are refused like `//evil.example` and `/\evil.example` themselves. What is returned
 * is the resolved path, which resolves to itself.
 */
export function safeNextPath(next: string | null | undefined, fallback = '/dashboard'): string {
  if (!next || !next.startsWith('/')) return fallback;
  // Control characters (tabs, newlines) are stripped by URL parsers and can smuggle in a host.
  if ([...next].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return fallback;
  const resolved = resolveOnSite(next);
  return resolved !== null && resolveOnSite(resolved) === resolved ? resolved : fallback;
}

/** `path` resolved against this site, or null when it leaves it or names another host. */
function resolveOnSite(path: string): string | null {
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return null;
  try {
    const url = new URL(path, BASE);
    if (url.origin !== BASE || url.pathname.startsWith('//')) return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}

/** The login page address that returns to `path` afterwards. */
export function loginPathFor(path: string): string {
  return `/login?next=${encodeURIComponent(path).replaceAll('%2F', '/')}`;
}
