import express, { Router } from 'express';
import type { AppContext } from '../context.ts';
import { MAX_JSON_BODY_BYTES } from '../../shared/limits.ts';
import { authRouter } from './auth.ts';
import { healthRouter } from './health.ts';
import { workspacesRouter } from './workspaces.ts';
import { organisationsRouter } from './organisations.ts';
import { projectsRouter } from './projects.ts';
import { applicationsRouter } from './applications.ts';
import { studentsRouter } from './students.ts';
import { notificationsRouter } from './notifications.ts';
import { deliverablesRouter } from './deliverables.ts';
import { milestonesRouter } from './milestones.ts';
import { completionRouter } from './completion.ts';
import { portfolioRouter } from './portfolio.ts';
import { credentialsRouter } from './credentials.ts';
import { programmesRouter } from './programmes.ts';
import { accessAnswersRouter } from './access-answers.ts';
import { apiErrors, apiNotFound } from './middleware/errors.ts';
import { refuseForeignOrigin } from './middleware/security.ts';

/** Everything under /api: one router per area, then the 404 and the error shape. */
export function apiRouter(context: AppContext): Router {
  const api = Router();
  api.use(refuseForeignOrigin(context.config.publicOrigin));
  api.use(express.json({ limit: MAX_JSON_BODY_BYTES }));
  api.use(healthRouter(context));
  api.use(authRouter(context));
  api.use(workspacesRouter(context));
  api.use(organisationsRouter(context));
  api.use(projectsRouter(context));
  api.use(applicationsRouter(context));
  api.use(studentsRouter(context));
  api.use(notificationsRouter(context));
  api.use(deliverablesRouter(context));
  api.use(milestonesRouter(context));
  api.use(completionRouter(context));
  api.use(portfolioRouter(context));
  api.use(credentialsRouter(context));
  api.use(programmesRouter(context));
  api.use(accessAnswersRouter(context));
  api.use(apiNotFound);
  api.use(apiErrors);
  return api;
}
