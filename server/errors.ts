import type { ErrorCode } from '../shared/errors.ts';

/**
 * A failure the caller caused or may see: it carries a stable code, a message for people and the
 * HTTP status that fits. Anything else thrown is a bug and is answered as a 500 without details.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, code: ErrorCode = 'not_found') =>
  new AppError(404, code, `${what} was not found.`);

export const forbidden = (message = 'You do not have permission to do that.') =>
  new AppError(403, 'forbidden', message);

export const unauthenticated = () => new AppError(401, 'unauthenticated', 'Log in to continue.');

export const conflict = (code: ErrorCode, message: string) => new AppError(409, code, message);

/** Refused for now: the error shape with 429, and when to try again (sent as `Retry-After`). */
export class TooManyRequests extends AppError {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterMs: number) {
    const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super(429, 'too_many_requests', message, { retryAfterSeconds });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
