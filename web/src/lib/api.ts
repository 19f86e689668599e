import type { ApiErrorBody } from '$shared/errors.ts';

export type ApiError = ApiErrorBody['error'];

export type ApiResult<T> =
  | { ok: true; status: number; data: T; error: null }
  | { ok: false; status: number; data: null; error: ApiError };

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** SvelteKit's `fetch` inside a load function; the browser's otherwise. */
  fetch?: typeof fetch;
}

const NETWORK_ERROR: ApiError = {
  code: 'network_error',
  message: 'We could not reach Stint. Check your connection and try again.',
};

const UNREADABLE_ERROR: ApiError = {
  code: 'unexpected_response',
  message: 'Something went wrong on our side. Please try again in a moment.',
};

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const { error } = value;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

/**
 * Calls the Stint API and never throws: a caller gets either the data or the API's error
 * (`{code, message, details?}`), with network failures and non-JSON replies turned into errors of
 * the same shape, so every page shows problems the same way.
 */
export async function apiFetch<T>(path: string, request: ApiRequest = {}): Promise<ApiResult<T>> {
  const { method = 'GET', body, fetch: fetchImpl = fetch } = request;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetchImpl(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, status: 0, data: null, error: NETWORK_ERROR };
  }

  let parsed: unknown = null;
  try {
    parsed = await response.json();
  } catch {
    // An empty or non-JSON body: handled below by status.
  }

  if (response.ok) return { ok: true, status: response.status, data: parsed as T, error: null };
  return {
    ok: false,
    status: response.status,
    data: null,
    error: isApiErrorBody(parsed) ? parsed.error : UNREADABLE_ERROR,
  };
}

/** Pages a screen follows at most; beyond that it shows what it has (20 pages of 50 items). */
const MAX_PAGES = 20;

/**
 * A paginated list (`{items, next}`), every page of it: each request answers one bounded page and
 * `next` is followed until it is null.
 */
export async function apiFetchAll<T>(
  path: string,
  request: ApiRequest = {},
): Promise<ApiResult<{ items: T[]; next: string | null }>> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; ; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const url: string = cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path;
    const result: ApiResult<{ items: T[]; next: string | null }> = await apiFetch(url, request);
    if (!result.ok) return result;
    items.push(...result.data.items);
    cursor = result.data.next;
    if (!cursor || page + 1 >= MAX_PAGES) return { ...result, data: { items, next: cursor } };
  }
}
