import { z } from 'zod';

/** `GET /api/notifications`: newest first, paged by the `before` timestamp. */
export const notificationsQuery = z.object({
  before: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
