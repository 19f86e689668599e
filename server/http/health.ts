import { sql } from 'drizzle-orm';
import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { busHealth } from '../realtime/bus/index.ts';

export function healthRouter(context: AppContext): Router {
  const router = Router();
  router.get('/health', async (_request, response) => {
    await context.db.execute(sql`select 1`);
    response.json({ ok: true, db: context.dbKind, ...busHealth(context.bus) });
  });
  return router;
}
