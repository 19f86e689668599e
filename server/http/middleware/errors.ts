import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiErrorBody } from '../../../shared/errors.ts';
import { AppError, TooManyRequests } from '../../errors.ts';

/** Errors raised by body-parser carry a `type`; each maps to a client error. */
const BODY_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'invalid_json', 'The request body is not valid JSON.'],
  'entity.too.large': [413, 'payload_too_large', 'The request body is too large.'],
  'encoding.unsupported': [415, 'unsupported_media_type', 'That body encoding is not supported.'],
  'charset.unsupported': [415, 'unsupported_media_type', 'That body charset is not supported.'],
  'request.aborted': [400, 'bad_request', 'The request was aborted.'],
  'request.size.invalid': [400, 'bad_request', 'The request size did not match its length.'],
};

/**
 * SQLSTATEs of values Postgres refuses: bad text representation (22P02), NUL or invalid UTF-8
 * (22021), an escape jsonb cannot hold such as \u0000 (22P05), too long (22001), out of range
 * (22003, 22008), a malformed date (22007).
 */
const BAD_VALUE_CODES = new Set(['22P02', '22021', '22P05', '22001', '22003', '22007', '22008']);

export const apiNotFound: RequestHandler = (request, _response, next) => {
  next(
    new AppError(
      404,
      'not_found',
      `There is no ${request.method} ${request.baseUrl}${request.path} in the API.`,
    ),
  );
};

/**
 * Turns anything thrown into the documented error shape. Client mistakes keep their status and
 * message; anything unexpected is logged in full and answered as a bare 500.
 */
export const apiErrors: ErrorRequestHandler = (error, request, response, next) => {
  if (response.headersSent) return next(error);
  let status = 500;
  let body: ApiErrorBody = {
    error: { code: 'internal_error', message: 'Something went wrong on our side.' },
  };
  const bodyError = typeof error?.type === 'string' ? BODY_ERRORS[error.type] : undefined;
  if (error instanceof AppError) {
    status = error.status;
    body = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    if (error instanceof TooManyRequests) response.setHeader('Retry-After', String(error.retryAfterSeconds));
  } else if (bodyError) {
    [status] = bodyError;
    body = { error: { code: bodyError[1], message: bodyError[2] } };
  } else if (BAD_VALUE_CODES.has(error?.code) || BAD_VALUE_CODES.has(error?.cause?.code)) {
    // A value Postgres could not read or store (a malformed id or a NUL that slipped past a
    // check): the caller's mistake, not ours.
    status = 400;
    body = { error: { code: 'bad_request', message: 'A value in the request has the wrong form.' } };
  } else if (typeof error?.status === 'number' && error.status >= 400 && error.status < 500) {
    status = error.status;
    body = { error: { code: 'bad_request', message: 'The request could not be understood.' } };
  }
  if (status >= 500) request.log?.error({ err: error }, 'request failed');
  response.status(status).json(body);
};
