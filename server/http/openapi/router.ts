import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router } from 'express';
import { buildOpenApiDocument } from './document.ts';

/** Swagger UI's static build, served from node_modules: the reference page needs no network. */
const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const DOCS_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Stint API reference</title>
    <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
  </head>
  <body>
    <main id="swagger-ui"></main>
    <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/api/docs/start.js"></script>
  </body>
</html>
`;

/** A file, not an inline script, so the page's CSP can stay `script-src 'self'`. */
const START_SCRIPT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n`;

const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'";

/** `GET /api/openapi.json` (the contract) and `GET /api/docs`, a readable page of it. */
export function openApiRouter(): Router {
  const router = Router();
  const document = JSON.stringify(buildOpenApiDocument());

  router.get('/openapi.json', (_request, response) => {
    response.type('application/json').send(document);
  });

  router.get('/docs', (_request, response) => {
    response.setHeader('Content-Security-Policy', DOCS_CSP);
    response.type('html').send(DOCS_PAGE);
  });

  router.get('/docs/start.js', (_request, response) => {
    response.type('text/javascript').send(START_SCRIPT);
  });

  router.use('/docs/assets', express.static(swaggerUiDir, { index: false, fallthrough: true }));
  return router;
}
