import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { getStudentProfile, saveStudentProfile } from '../services/marketplace/profiles.ts';
import { authorizeAccount } from '../auth/permissions.ts';
import { matchesQuery, studentProfileInput } from '../../shared/schemas/marketplace.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';

/** The signed-in student's own profile. */
export function studentsRouter(context: AppContext): Router {
  const router = Router();
  const { db } = context;

  router.get('/students/me/profile', async (request, response) => {
    const user = requireUser(request);
    authorizeAccount(user, 'keepProfile');
    response.json(await getStudentProfile(db, user.id));
  });

  router.put('/students/me/profile', async (request, response) => {
    const user = requireUser(request);
    const input = parseInput(studentProfileInput, request.body);
    authorizeAccount(user, 'keepProfile');
    response.json(await saveStudentProfile(db, context.events, user.id, input));
  });

  router.get('/students/me/matches', async (request, response) => {
    const user = requireUser(request);
    const { limit } = parseInput(matchesQuery, request.query);
    authorizeAccount(user, 'keepProfile');
    response.json(await context.matchmaker.projectsForStudent(user.id, limit));
  });

  return router;
}
