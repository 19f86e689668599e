import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Structured JSON logs. Request logs carry method, path, status and timing only; the redaction list
 * is a second line of defence in case a body or header is ever logged by mistake. Errors go
 * through `serializeError`, which never writes a failed query's parameters.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: 'stint' },
    serializers: { err: serializeError },
    redact: {
      paths: [
        'password',
        '*.password',
        'passwordHash',
        '*.passwordHash',
        'token',
        '*.token',
        'cookie',
        '*.cookie',
        'headers.cookie',
        'headers.authorization',
        '*.headers.cookie',
        '*.headers.authorization',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Fields of a database error that are safe to log: where it failed, never the row's values. */
const DATABASE_ERROR_FIELDS = ['code', 'severity', 'table', 'column', 'constraint', 'routine'] as const;

/** A password hash or a session-sized token, wherever it shows up in a message. */
const SECRET_LIKE = /scrypt\$[^\s"',)]*|\b[A-Za-z0-9_-]{40,}\b/g;

export interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  cause?: SerializedError;
  [field: string]: unknown;
}

/**
 * An error as a log line may carry it. A Drizzle query error's message ends with the query's
 * parameters (for signup: the new password hash), so only the SQL is kept; a PostgreSQL error's
 * `detail` repeats the row ("Failing row contains …") and is left out; anything that looks like a
 * hash or token is masked. The cause chain is followed a few levels down.
 */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { type: typeof error, message: scrub(String(error)) };
  const fields = error as Error & Record<string, unknown>;
  const type = error.constructor?.name || error.name;
  const message = scrub(
    typeof fields.query === 'string' && 'params' in fields ? `Failed query: ${fields.query}` : error.message,
  );
  const serialized: SerializedError = { type, message };
  if (error.stack) {
    const frames = error.stack.split('\n').filter((line) => /^\s+at /.test(line));
    serialized.stack = [`${type}: ${message}`, ...frames].join('\n');
  }
  for (const field of DATABASE_ERROR_FIELDS) {
    if (typeof fields[field] === 'string') serialized[field] = fields[field];
  }
  if (error.cause !== undefined && depth < 4) serialized.cause = serializeError(error.cause, depth + 1);
  return serialized;
}

function scrub(text: string): string {
  return text.replace(SECRET_LIKE, '[redacted]');
}
