import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { API_ROUTES, type ApiRoute } from './routes.ts';

/**
 * The OpenAPI 3.1 document of /api, generated from the route list and the shared zod schemas
 * (zod-openapi renders them through zod v4's own JSON Schema output, so what is documented is what
 * `parseInput` accepts). Responses are described by shape (object, list, file, error), because the
 * API's answers are TypeScript interfaces, not schemas.
 */

const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable, machine-readable', example: 'validation_failed' }),
      message: z.string().meta({ description: 'For people' }),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

const listBody = z
  .object({
    items: z.array(z.looseObject({})),
    next: z.string().nullable().meta({ description: 'Cursor of the next page, or null' }),
  })
  .meta({ id: 'List' });

const objectBody = z.looseObject({}).meta({ id: 'Object' });

/** `/workspaces/:id` → `/workspaces/{id}` */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

const pathParams = (path: string) => [...path.matchAll(/:(\w+)/g)].map((match) => match[1]!);

function successResponse(route: ApiRoute) {
  const status = String(route.status ?? 200);
  if (route.answers === 'file') return { [status]: { description: 'A file or page' } };
  const schema = route.answers === 'list' ? listBody : objectBody;
  return {
    [status]: {
      description: route.status === 201 ? 'Created; the object has an `id`' : 'OK',
      content: { 'application/json': { schema } },
    },
  };
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorBody } },
});

function operation(route: ApiRoute): ZodOpenApiOperationObject {
  const params = pathParams(route.path);
  const content: Record<string, { schema: z.ZodType }> = {};
  if (route.body) content['application/json'] = { schema: route.body };
  if (route.multipart) {
    content['multipart/form-data'] = {
      schema: z.object({ file: z.string().meta({ format: 'binary' }) }).and(route.multipart),
    };
  }
  return {
    tags: [route.tag],
    summary: route.summary,
    operationId: `${route.method}${route.path.replace(/[/:-](\w)/g, (_all, c: string) => c.toUpperCase())}`,
    description: `Permission rule: \`${route.rule}\` (server/auth/permissions.ts).`,
    'x-stint-rule': route.rule,
    requestParams: {
      ...(params.length
        ? { path: z.object(Object.fromEntries(params.map((name) => [name, z.string()]))) }
        : {}),
      ...(route.query ? { query: route.query as z.ZodObject } : {}),
    },
    ...(Object.keys(content).length ? { requestBody: { required: true, content } } : {}),
    responses: {
      ...successResponse(route),
      '4XX': errorResponse('The error shape: bad input, not signed in, not allowed, not found, conflict'),
    },
  };
}

export function buildOpenApiDocument(routes: ApiRoute[] = API_ROUTES) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const key = `/api${openApiPath(route.path)}`;
    paths[key] = { ...paths[key], [route.method]: operation(route) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Stint API',
      version: '0.1.0',
      description:
        'JSON in and out. Signed-in routes use the httpOnly session cookie set by /api/auth/signup and ' +
        '/api/auth/login; requests that change something must come from Stint’s own origin. ' +
        'Live parts (Socket.IO at the default path, Yjs at /yjs/<workspaceId>) are not HTTP routes.',
    },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'stint_session' } },
    },
    paths,
  });
}
