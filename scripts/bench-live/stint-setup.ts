import { randomUUID } from 'node:crypto';

/** A signed-in caller of Stint's API over fetch (the benchmark's own, not the tests'). */
export class Caller {
  cookie = '';
  constructor(readonly url: string) {}

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(this.url + path, {
      method,
      headers: {
        origin: this.url,
        'content-type': 'application/json',
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text.slice(0, 200)}`);
    return (text ? JSON.parse(text) : {}) as T;
  }
}

export async function signUp(url: string, role: 'supervisor' | 'student'): Promise<Caller> {
  const caller = new Caller(url);
  await caller.call('POST', '/api/auth/signup', {
    email: `bench-${randomUUID()}@example.org`,
    password: 'bench-live-password',
    name: `Bench ${role}`,
    role,
  });
  if (role === 'student') {
    await caller.call('PUT', '/api/students/me/profile', {
      headline: 'Student',
      skills: [
        { skill: 'Instagram', level: 3 },
        { skill: 'Canva', level: 2 },
      ],
      hoursPerWeek: 6,
      goals: 'I want a career in marketing',
      interests: 'small shops and social media',
      remote: 'any',
      location: 'Leeds',
    });
  }
  return caller;
}

/** Workspaces for the load (one supervisor owns them all; every editor uses that session). */
export async function createWorkspaces(supervisor: Caller, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, count - start) }, (_, n) =>
        supervisor.call<{ id: string }>('POST', '/api/workspaces', { title: `Bench ${start + n}` }),
      ),
    );
    ids.push(...batch.map((workspace) => workspace.id));
  }
  return ids;
}
