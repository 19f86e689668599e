import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { API_ROUTES } from '../../server/http/openapi/routes.ts';
import { openApiPath } from '../../server/http/openapi/document.ts';

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.stop());

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  rawPath?: string | string[];
  handle: { stack?: Layer[] };
}

/** Every `METHOD /path` Express would answer, found by walking the real app's router stack. */
function routesOf(stack: Layer[], prefix = ''): string[] {
  const found: string[] = [];
  for (const layer of stack) {
    const paths = (own: string | string[] | undefined) => (Array.isArray(own) ? own : [own ?? '']);
    if (layer.route) {
      for (const path of paths(layer.route.path))
        for (const method of Object.keys(layer.route.methods))
          found.push(`${method.toUpperCase()} ${prefix}${path}`);
    } else if (layer.handle.stack) {
      for (const path of paths(layer.rawPath))
        found.push(...routesOf(layer.handle.stack, `${prefix}${path === '/' ? '' : path}`));
    }
  }
  return found;
}

function expressRoutes(): string[] {
  const express = app.server.expressApp as unknown as { router: { stack: Layer[] } };
  return routesOf(express.router.stack).filter((route) => route.split(' ')[1]!.startsWith('/api/'));
}

describe('the OpenAPI document', () => {
  it('describes exactly the routes Express has', async () => {
    const document = (await new ApiClient(app.url).get('/api/openapi.json')).body;
    const documented = Object.entries(document.paths as Record<string, object>).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const actual = expressRoutes().map((route) => {
      const [method, path] = route.split(' ');
      return `${method} ${openApiPath(path!)}`;
    });
    expect(actual.length).toBeGreaterThan(60);
    expect(actual.filter((route) => !documented.includes(route))).toEqual([]);
    expect(documented.filter((route) => !actual.includes(route))).toEqual([]);
    expect(new Set(actual).size).toBe(actual.length);
  });

  it('would notice a route missing from the registry', () => {
    const listed = new Set(API_ROUTES.map((route) => `${route.method.toUpperCase()} /api${route.path}`));
    const withExtra = [...expressRoutes(), 'GET /api/not-in-the-registry'];
    expect(withExtra.filter((route) => !listed.has(route))).toEqual(['GET /api/not-in-the-registry']);
  });

  it('is OpenAPI 3.1 with the request schemas of the shared zod schemas', async () => {
    const { status, body } = await new ApiClient(app.url).get('/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const signup = body.paths['/api/auth/signup'].post.requestBody.content['application/json'].schema;
    expect(signup.required).toEqual(expect.arrayContaining(['email', 'password', 'name', 'role']));
    expect(signup.properties.role.enum).toEqual(['student', 'supervisor', 'mentor']);
    const orgs = body.paths['/api/orgs'].post.requestBody.content['application/json'].schema;
    expect(orgs.required).toEqual(['name', 'sector']);
    expect(body.paths['/api/workspaces/{id}'].get['x-stint-rule']).toBe('viewWorkspace');
  });

  it('has a reference page served without any network', async () => {
    const client = new ApiClient(app.url);
    const page = await client.get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const scripts = [...String(page.body).matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(scripts.every((src) => src.startsWith('/api/'))).toBe(true);
    for (const src of scripts) expect((await client.get(src)).status, src).toBe(200);
  });
});

describe('the minimal documented calls', () => {
  it('registers an organisation from {name, sector}', async () => {
    const supervisor = await signUp(app.url, { role: 'supervisor' });
    const { status, body } = await supervisor.post('/api/orgs', { name: 'Corner Café', sector: 'retail' });
    expect(status).toBe(201);
    expect(body).toMatchObject({ id: expect.any(String), size: '1-9', workMode: 'hybrid' });
    const changed = await supervisor.request('PATCH', `/api/orgs/${body.id}`, { location: 'Leeds' });
    expect(changed.body).toMatchObject({ name: 'Corner Café', location: 'Leeds', size: '1-9' });
  });

  it('accepts remote: true and false on a profile, like a project', async () => {
    const student = await signUp(app.url);
    const remote = await student.put('/api/students/me/profile', { hoursPerWeek: 6, remote: true });
    expect(remote.status).toBe(200);
    expect(remote.body.remote).toBe('remote_only');
    const onsite = await student.put('/api/students/me/profile', { hoursPerWeek: 6, remote: false });
    expect(onsite.body.remote).toBe('onsite_ok');
  });
});
