import type { IncomingMessage } from 'node:http';

/**
 * Whether a browser request comes from Stint's own pages: its Origin (or, failing that, Referer)
 * names the host the request was sent to, or the configured public origin. A request with neither
 * header is not from a browser page (browsers send Origin on every cross-site POST and WebSocket),
 * so it cannot be a cross-site forgery and is let through.
 */
export function isOwnOrigin(request: IncomingMessage, publicOrigin: string | undefined): boolean {
  const claimed = request.headers.origin ?? request.headers.referer;
  if (claimed === undefined) return true;
  let origin: URL;
  try {
    origin = new URL(claimed);
  } catch {
    return false;
  }
  if (publicOrigin !== undefined && origin.origin === publicOrigin) return true;
  return origin.host === request.headers.host && /^https?:$/.test(origin.protocol);
}
