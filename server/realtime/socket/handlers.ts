import type { z } from 'zod';
import type { AppError } from '../../errors.ts';
import type { Ack } from '../../../shared/live.ts';
import { UNSTORABLE_TEXT_MESSAGE, findUnstorableText } from '../../../shared/schemas/text.ts';

/**
 * Wraps a Socket.IO event handler the way routers are wrapped: validate the payload with a shared
 * schema, run the handler, answer the ack with `{ok:true,…}` or the error shape. Bad input never
 * throws out of the handler, so one client cannot take the process down.
 */
export function handleEvent<Schema extends z.ZodType, Result extends object>(
  schema: Schema,
  run: (input: z.output<Schema>) => Promise<Result>,
  onUnexpected: (error: unknown) => void,
) {
  return async (payload: unknown, ack?: unknown) => {
    const reply = typeof ack === 'function' ? (ack as Ack<Result>) : undefined;
    // Text the database cannot store is refused whatever the schema says (shared/schemas/text.ts).
    const unstorable = findUnstorableText(payload);
    const parsed = schema.safeParse(payload);
    if (unstorable !== null || !parsed.success) {
      const first = parsed.error?.issues[0];
      const message =
        unstorable !== null
          ? `${unstorable || 'input'}: ${UNSTORABLE_TEXT_MESSAGE}`
          : first
            ? `${first.path.join('.') || 'input'}: ${first.message}`
            : 'Invalid input.';
      reply?.({ ok: false, error: { code: 'validation_failed', message } });
      return;
    }
    try {
      const result = await run(parsed.data);
      reply?.({ ok: true, ...result });
    } catch (error) {
      const known = error as Partial<AppError>;
      if (typeof known.status === 'number' && known.status < 500 && known.code) {
        reply?.({ ok: false, error: { code: known.code, message: known.message ?? '' } });
        return;
      }
      onUnexpected(error);
      reply?.({ ok: false, error: { code: 'internal_error', message: 'Something went wrong on our side.' } });
    }
  };
}
