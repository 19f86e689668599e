import { Router, type Request, type Response } from 'express';
import { pageQuery } from '../../shared/schemas/pagination.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { authorizeEntry, authorizeSharedEntry } from '../auth/permissions.ts';
import {
  entryNotFound,
  getHandle,
  getPublicPortfolio,
  listMyEntries,
  loadEntry,
  loadMyEntries,
  loadSharedEntry,
  resumeAbout,
  setHandle,
  updateEntry,
} from '../services/portfolio/portfolio.ts';
import { entryCredential } from '../services/portfolio/credentials.ts';
import { exportEntry, ownerEntryView, publicEntryView, type LoadedEntry } from '../portfolio/entry-views.ts';
import { renderExport, type RenderedExport } from '../portfolio/exports.ts';
import type { ResumeAbout } from '../portfolio/json-resume.ts';
import type { PdfOptions } from '../portfolio/pdf.ts';
import { fileSlug } from '../portfolio/format.ts';
import { BlobStore } from '../portfolio/blob-store.ts';
import {
  entryExportQuery,
  handleInput,
  portfolioExportQuery,
  updateEntryInput,
} from '../../shared/schemas/portfolio.ts';
import { sendDeliverableFile } from './deliverables.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';
import { publicOriginOf } from './public-origin.ts';

/**
 * The student's portfolio (signed in, their own entries only) and its public face: a handle page
 * with the public entries, and single entries by share token. Public routes never carry emails,
 * user ids or private entries.
 *
 * Exports: the owner exports any entry as pdf, md, json-resume or ob3 and the whole portfolio as
 * pdf, md or json-resume. Anyone holding a share token exports that (unlisted or public) entry as
 * pdf, md or json-resume; the Open Badges credential (issued at completion) is the owner's to hand out.
 */
export function portfolioRouter(context: AppContext): Router {
  const router = Router();
  const { db, config, workers } = context;
  const renderPdf = (options: PdfOptions) => workers.renderPdf(options);
  const store = BlobStore.forDataDir(config.dataDir);
  const originOf = (request: Request) => publicOriginOf(config, request);

  /** `manageEntry`: the student's own entry; anyone else's is reported as missing. */
  async function ownEntry(request: Request) {
    const loaded = await loadEntry(db, String(request.params.id));
    return authorizeEntry(loaded, requireUser(request).id, entryNotFound);
  }

  /** `readSharedEntry`: an unlisted or public entry, by its share token. */
  async function sharedEntry(request: Request) {
    return authorizeSharedEntry(await loadSharedEntry(db, String(request.params.token)), entryNotFound);
  }

  function send(response: Response, rendered: RenderedExport) {
    response.attachment(rendered.fileName);
    response.type(rendered.contentType);
    response.setHeader('Cache-Control', 'private, no-store');
    response.send(rendered.body);
  }

  /** `about` (the student's location and links) only in the student's own export. */
  function exportOne(
    request: Request,
    loaded: LoadedEntry,
    format: 'pdf' | 'md' | 'json-resume',
    about?: ResumeAbout,
  ) {
    return renderExport(
      format,
      {
        studentName: loaded.studentName,
        entries: [exportEntry(loaded, originOf(request))],
        whole: false,
        ...(about ? { about } : {}),
      },
      renderPdf,
    );
  }

  router.get('/portfolio/entries', async (request, response) => {
    response.json(await listMyEntries(db, requireUser(request).id, parseInput(pageQuery, request.query)));
  });

  router.get('/portfolio/entries/:id', async (request, response) => {
    response.json(ownerEntryView(await ownEntry(request)));
  });

  router.patch('/portfolio/entries/:id', async (request, response) => {
    const input = parseInput(updateEntryInput, request.body);
    response.json(await updateEntry(db, await ownEntry(request), input));
  });

  router.get('/portfolio/entries/:id/export', async (request, response) => {
    const user = requireUser(request);
    const { format } = parseInput(entryExportQuery, request.query);
    const rendered = await workers.exportTurn(async (): Promise<RenderedExport> => {
      const loaded = await ownEntry(request);
      if (format !== 'ob3') return exportOne(request, loaded, format, await resumeAbout(db, user.id));
      const credential = await entryCredential(db, loaded.entry.id);
      return {
        body: `${JSON.stringify(credential, null, 2)}\n`,
        contentType: 'application/ld+json; charset=utf-8',
        fileName: `${fileSlug(loaded.entry.title)}.credential.json`,
      };
    });
    send(response, rendered);
  });

  router.get('/portfolio/export', async (request, response) => {
    const user = requireUser(request);
    const { format } = parseInput(portfolioExportQuery, request.query);
    const rendered = await workers.exportTurn(async () => {
      const loaded = await loadMyEntries(db, user.id);
      const entries = loaded.map((entry) => exportEntry(entry, originOf(request)));
      const about = await resumeAbout(db, user.id);
      return renderExport(format, { studentName: user.name, entries, whole: true, about }, renderPdf);
    });
    send(response, rendered);
  });

  router.get('/portfolio/handle', async (request, response) => {
    const user = requireUser(request);
    response.json({ handle: await getHandle(db, user.id) });
  });

  router.put('/portfolio/handle', async (request, response) => {
    const user = requireUser(request);
    const { handle } = parseInput(handleInput, request.body);
    response.json({ handle: await setHandle(db, user.id, handle) });
  });

  router.get('/public/portfolios/:handle', async (request, response) => {
    response.setHeader('Cache-Control', 'no-store');
    response.json(await getPublicPortfolio(db, String(request.params.handle)));
  });

  router.get('/public/entries/:token', async (request, response) => {
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Robots-Tag', 'noindex');
    response.json(publicEntryView(await sharedEntry(request)));
  });

  router.get('/public/entries/:token/export', async (request, response) => {
    const { format } = parseInput(entryExportQuery, request.query);
    const rendered = await workers.exportTurn(async () => {
      const loaded = await sharedEntry(request);
      if (format === 'ob3') {
        throw new AppError(
          403,
          'owner_only',
          'Only the student exports the Open Badges credential; verify one at /api/credentials/<id>.',
        );
      }
      return exportOne(request, loaded, format);
    });
    send(response, rendered);
  });

  router.get('/public/entries/:token/deliverables/:deliverableId/download', async (request, response) => {
    const loaded = await sharedEntry(request);
    const id = String(request.params.deliverableId);
    const deliverable = loaded.entry.deliverableIds.includes(id)
      ? loaded.deliverables.find((row) => row.id === id)
      : undefined;
    if (!deliverable)
      throw new AppError(404, 'deliverable_not_found', 'That deliverable is not part of this entry.');
    await sendDeliverableFile(request, response, store, deliverable);
  });

  return router;
}
