import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailPreviewRouter } from '../../server/mail/preview.ts';
import { ACTIVITY_EMAIL_KINDS, SECURITY_EMAIL_KINDS } from '../../shared/email-kinds.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use(
    '/dev/emails',
    emailPreviewRouter(() => 'http://localhost:5173'),
  );
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dev/emails`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the development email preview', () => {
  it('lists and renders every kind, in HTML and plain text', async () => {
    const index = await (await fetch(`${base}/`)).text();
    for (const kind of [...SECURITY_EMAIL_KINDS, ...ACTIVITY_EMAIL_KINDS, 'digest']) {
      expect(index).toContain(`href="./${kind}"`);
      const page = await fetch(`${base}/${kind}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Stint');
      const text = await (await fetch(`${base}/${kind}?part=text`)).text();
      expect(text).toMatch(/^Subject: .+ · Stint\n/);
      if (kind !== 'account_deleted') expect(text).toContain('http://localhost:5173/');
    }
    expect((await fetch(`${base}/no_such_kind`)).status).toBe(404);
  });
});
