import { Router } from 'express';
import type { AppContext } from '../context.ts';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from '../services/accounts/notifications.ts';
import { notificationsQuery } from '../../shared/schemas/notifications.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';

/** In-app notifications; the same ones arrive live over Socket.IO as `notification`. */
export function notificationsRouter(context: AppContext): Router {
  const router = Router();
  const { db } = context;

  router.get('/notifications', async (request, response) => {
    const user = requireUser(request);
    response.json(await listNotifications(db, user.id, parseInput(notificationsQuery, request.query)));
  });

  router.post('/notifications/read-all', async (request, response) => {
    await markAllNotificationsRead(db, requireUser(request).id);
    response.json({ ok: true });
  });

  router.post('/notifications/:id/read', async (request, response) => {
    response.json(await markNotificationRead(db, requireUser(request).id, String(request.params.id)));
  });

  return router;
}
