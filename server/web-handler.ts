import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RequestHandler } from 'express';

export const WEB_BUILD_DIR = fileURLToPath(new URL('../web/build', import.meta.url));

/**
 * The SvelteKit app built by adapter-node. When it has not been built (API-only test runs), pages
 * answer 503 with a hint instead of failing to start.
 */
export async function loadWebHandler(): Promise<RequestHandler> {
  const handlerFile = `${WEB_BUILD_DIR}/handler.js`;
  if (!existsSync(handlerFile)) {
    return (_request, response) => {
      response
        .status(503)
        .type('text/plain')
        .send(
          'The Stint front end has not been built yet. Run `npm run build`, or `npm start`, which builds it.',
        );
    };
  }
  const module = (await import(pathToFileURL(handlerFile).href)) as { handler: RequestHandler };
  return module.handler;
}
