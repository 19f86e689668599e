import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { getStudentProfile, saveStudentProfile } from '../services/profiles.ts';
import { forbidden } from '../services/errors.ts';
import { matchesQuery, studentProfileInput } from '../../shared/schemas/marketplace.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';

/** The signed-in student's own profile. */
export function studentsRouter(context: AppContext): Router {
  const router = Router();
  const { db } = context;

  router.get('/students/me/profile', async (request, response) => {
    const user = requireUser(request);
    if (user.role !== 'student') throw forbidden('Only students have a profile.');
    response.json(await getStudentProfile(db, user.id));
  });

  router.put('/students/me/profile', async (request, response) => {
    const user = requireUser(request);
    const input = parseInput(studentProfileInput, request.body);
    if (user.role !== 'student') throw forbidden('Only students have a profile.');
    const profile = await saveStudentProfile(db, user.id, input);
    context.events.emit('profile:changed', { userId: user.id });
    response.json(profile);
  });

  router.get('/students/me/matches', async (request, response) => {
    const user = requireUser(request);
    const { limit } = parseInput(matchesQuery, request.query);
    if (user.role !== 'student') throw forbidden('Project matches are for students.');
    response.json(await context.matchmaker.projectsForStudent(user.id, limit));
  });

  return router;
}
