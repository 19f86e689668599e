import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { canAnswerAccessQuestions } from '../auth/permissions.ts';
import { forbidden } from '../errors.ts';
import {
  deleteAccessAnswers,
  getAccessAnswers,
  saveAccessAnswers,
} from '../services/programmes/access-answers.ts';
import { accessAnswersInput } from '../../shared/schemas/programmes.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';

/** A student's optional, self-declared access answers: read, saved and deleted by them alone. */
export function accessAnswersRouter(context: AppContext): Router {
  const router = Router();
  const { db } = context;

  function requireStudent(request: Parameters<typeof requireUser>[0]) {
    const user = requireUser(request);
    if (!canAnswerAccessQuestions(user.role)) throw forbidden('Only students answer the access questions.');
    return user;
  }

  router.get('/students/me/access-answers', async (request, response) => {
    const user = requireStudent(request);
    response.json({ answers: await getAccessAnswers(db, user.id) });
  });

  router.put('/students/me/access-answers', async (request, response) => {
    const user = requireStudent(request);
    const answers = parseInput(accessAnswersInput, request.body);
    response.json({ answers: await saveAccessAnswers(db, user.id, answers) });
  });

  router.delete('/students/me/access-answers', async (request, response) => {
    const user = requireStudent(request);
    await deleteAccessAnswers(db, user.id);
    response.status(204).end();
  });

  return router;
}
