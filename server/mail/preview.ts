import { Router } from 'express';
import type { EmailKind } from '../../shared/email-kinds.ts';
import { escapeHtml, layout } from './render.ts';
import { TEMPLATES, type EmailData } from './templates/index.ts';

/** Sample data for every kind, as a person would see it (development only). */
const SAMPLES: { [K in EmailKind]: EmailData[K] } = {
  password_reset: { name: 'Zoë Ñúñez', token: 'sample-token' },
  email_confirmation: { name: 'Zoë Ñúñez', token: 'sample-token' },
  account_deleted: { name: 'Zoë Ñúñez' },
  account_exists: { name: 'Zoë Ñúñez' },
  email_changed: { name: 'Zoë Ñúñez', newAddress: 'zoe@new.example' },
  invitation: {
    inviterName: 'Priya Shah',
    targetName: 'Instagram launch for Corner Thread Fabrics',
    target: 'workspace',
    role: 'mentor',
    path: '/invitations',
  },
  programme_staff_invitation: {
    inviterName: 'Nadia Okafor',
    programmeName: 'Brighton Micro-internships 2027',
    email: 'zoe@example.test',
  },
  application_received: {
    title: 'New applicant for “Instagram launch”',
    body: 'Zoë Ñúñez applied.',
    path: '/projects/sample/applicants',
  },
  application_decided: {
    title: 'Corner Thread Fabrics accepted you for “Instagram launch”',
    body: 'Your workspace is ready.',
    path: '/workspaces/sample',
  },
  milestone_submitted: { title: 'Zoë submitted “Agree audience and calendar”', path: '/workspaces/sample' },
  milestone_reviewed: {
    title: 'Your supervisor accepted “Agree audience and calendar”',
    path: '/workspaces/sample',
  },
  workspace_completed: { title: '“Instagram launch” is complete', path: '/workspaces/sample' },
  feedback_waiting: {
    title: 'Priya left feedback on “Instagram launch”',
    body: 'Write yours to read it.',
    path: '/workspaces/sample',
  },
  mentioned: {
    title: 'Priya mentioned you in “Instagram launch”',
    body: '@Zoë could you check the captions before Friday?',
    path: '/workspaces/sample',
  },
  reminder: { title: '“Agree audience and calendar” is due tomorrow', path: '/workspaces/sample' },
  digest: {
    items: [
      { title: 'New applicant for “Instagram launch”', path: '/projects/sample/applicants' },
      { title: '“Agree audience and calendar” is due tomorrow', path: '/workspaces/sample' },
    ],
  },
};

/**
 * The email preview for development (`npm run dev` mounts it at /dev/emails; `npm start` never
 * does): every kind rendered from its template with sample data, HTML or `?part=text`.
 */
export function emailPreviewRouter(origin: () => string): Router {
  const router = Router();
  router.get('/', (_request, response) => {
    const links = Object.keys(SAMPLES)
      .map((kind) => `<li><a href="./${kind}">${kind}</a> (<a href="./${kind}?part=text">text</a>)</li>`)
      .join('');
    response
      .type('html')
      .send(
        `<!doctype html><html lang="en"><title>Email previews</title><h1>Email previews</h1><ul>${links}</ul></html>`,
      );
  });
  router.get('/:kind', (request, response) => {
    const kind = String(request.params.kind) as EmailKind;
    if (!Object.hasOwn(SAMPLES, kind)) {
      response.status(404).type('text').send('No such email kind.');
      return;
    }
    const template = TEMPLATES[kind] as (data: unknown) => Parameters<typeof layout>[0];
    const rendered = layout(template(SAMPLES[kind]), origin());
    if (request.query.part === 'text')
      response.type('text').send(`Subject: ${rendered.subject}\n\n${rendered.text}`);
    else response.type('html').send(rendered.html.replace('<title>', `<title>${escapeHtml('[preview] ')}`));
  });
  return router;
}
