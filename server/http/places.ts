import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { authorizeAccount } from '../auth/permissions.ts';
import { lookUpPlace } from '../services/marketplace/places.ts';
import { unknownSkillsReport } from '../services/marketplace/skill-report.ts';
import { placesQuery, unknownSkillsQuery } from '../../shared/schemas/places.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';

/** Places a form asks about, and the report of skills the taxonomy lacks. */
export function placesRouter(context: AppContext): Router {
  const router = Router();

  router.get('/places', (request, response) => {
    requireUser(request);
    const { q, limit } = parseInput(placesQuery, request.query);
    response.json(lookUpPlace(q, limit));
  });

  router.get('/admin/unknown-skills', async (request, response) => {
    const user = requireUser(request);
    const { limit } = parseInput(unknownSkillsQuery, request.query);
    authorizeAccount(user, 'viewSkillReport');
    response.json({ items: await unknownSkillsReport(context.db, limit), next: null });
  });

  return router;
}
