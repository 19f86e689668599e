import { randomUUID } from 'node:crypto';
import type { PublicUser } from '../../shared/schemas/auth.ts';
import type { SignupRole } from '../../shared/roles.ts';

// Tests assert on response bodies field by field; `any` as the default keeps those assertions short.
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A signed-in (or anonymous) caller of the real API over fetch, keeping its session cookie like a
 * browser would. Sends our own Origin on writes, as Stint's pages do.
 */
export class ApiClient {
  cookie: string | undefined;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const init: RequestInit = { method, headers: { origin: this.baseUrl, ...headers }, redirect: 'manual' };
    if (this.cookie) (init.headers as Record<string, string>).cookie = this.cookie;
    if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const response = await fetch(`${this.baseUrl}${path}`, init);
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.split(';')[0]!;
      this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text so a test can show what came back
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body ?? {});
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

let counter = 0;

/** Factory: a new account of the given role, signed in. Overrides for any signup field. */
export async function signUp(
  baseUrl: string,
  overrides: Partial<{ email: string; password: string; name: string; role: SignupRole }> = {},
): Promise<ApiClient & { user: PublicUser; password: string }> {
  const client = new ApiClient(baseUrl);
  counter += 1;
  const input = {
    email: `person${counter}-${randomUUID().slice(0, 8)}@example.test`,
    password: 'correct horse battery',
    name: `Person ${counter}`,
    role: 'student' as SignupRole,
    ...overrides,
  };
  const response = await client.post<PublicUser>('/api/auth/signup', input);
  if (response.status !== 201)
    throw new Error(`signup failed: ${response.status} ${JSON.stringify(response.body)}`);
  return Object.assign(client, { user: response.body, password: input.password });
}
