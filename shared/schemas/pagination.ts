import { z } from 'zod';
import { text } from './text.ts';

/** How many items a list answers with unless `limit` asks for fewer or more (up to MAX_PAGE_SIZE). */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

/** `?cursor=…&limit=…` of a paginated list: `cursor` is the `next` of the previous page. */
export const pageQuery = z.object({
  cursor: text().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});
export type PageQuery = z.output<typeof pageQuery>;
