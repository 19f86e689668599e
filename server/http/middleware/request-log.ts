import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

/**
 * Gives each request an id (echoed as X-Request-Id) and a child logger, and logs one line when the
 * response finishes. Only the path is logged: query strings can hold tokens.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (request, response, next) => {
    const started = process.hrtime.bigint();
    // Routers rewrite `request.path` as they mount; the log names the path that was asked for.
    const requestedPath = request.originalUrl.split('?')[0];
    request.id = randomUUID();
    request.log = logger.child({ reqId: request.id });
    response.setHeader('X-Request-Id', request.id);
    response.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      request.log.info(
        {
          method: request.method,
          path: requestedPath,
          status: response.statusCode,
          ms: Math.round(ms * 10) / 10,
        },
        'request',
      );
    });
    next();
  };
}
