import type { z } from 'zod';
import { AppError } from '../errors.ts';
import { UNSTORABLE_TEXT_MESSAGE, findUnstorableText } from '../../shared/schemas/text.ts';

/**
 * Parses untrusted input with a shared zod schema. A failure becomes a 400 naming the first
 * problem in words, with every issue listed under `details` for forms. Text the database cannot
 * store is refused first, whatever the schema says (see shared/schemas/text.ts).
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const unstorable = findUnstorableText(input);
  if (unstorable !== null) {
    const issues = [{ path: unstorable, message: UNSTORABLE_TEXT_MESSAGE }];
    const message = unstorable ? `${unstorable}: ${UNSTORABLE_TEXT_MESSAGE}` : UNSTORABLE_TEXT_MESSAGE;
    throw new AppError(400, 'validation_failed', message, { issues });
  }
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    message: issue.message,
  }));
  const first = issues[0];
  const message = first
    ? first.path
      ? `${first.path}: ${first.message}`
      : first.message
    : 'The request is not valid.';
  throw new AppError(400, 'validation_failed', message, { issues });
}
