import type { RequestEvent } from '@sveltejs/kit';

export function isOwnApiRequest(event: RequestEvent, request: Request): boolean {
  const url = new URL(request.url);
  return url.origin === event.url.origin && url.pathname.startsWith('/api/');
}

/** The address this very process answered the page request on, to call back into it. */
function loopbackOrigin(event: RequestEvent): string {
  const socket = event.platform?.req?.socket;
  if (!socket?.localAddress || !socket.localPort) return event.url.origin;
  const host = socket.localAddress.includes(':') ? `[${socket.localAddress}]` : socket.localAddress;
  return `http://${host}:${socket.localPort}`;
}

/**
 * `/api/*` is answered by Express in front of SvelteKit, not by a SvelteKit route, so SvelteKit's
 * shortcut for same-origin `event.fetch` (answering it internally) would find nothing. Send such
 * calls over HTTP instead, to this same process (not the public URL, which may sit behind a proxy),
 * with the visitor's cookie as their browser would send it.
 */
export async function forwardToApi(event: RequestEvent, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const target = new URL(`${url.pathname}${url.search}`, loopbackOrigin(event));
  const headers = new Headers(request.headers);
  const cookie = event.request.headers.get('cookie');
  if (cookie && !headers.has('cookie')) headers.set('cookie', cookie);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const body = hasBody ? await request.arrayBuffer() : undefined;
  return fetch(target, { method: request.method, headers, body, redirect: 'manual' });
}
