import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Request logs carry method, path, status and timing only; the redaction list
 * is a second line of defence in case a body or header is ever logged by mistake.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'stint' },
    redact: {
      paths: [
        'password',
        '*.password',
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
  });
}
