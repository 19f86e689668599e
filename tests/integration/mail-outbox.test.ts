import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startMailServer, type TestMailServer } from '../helpers/mail.ts';
import { DomainEventBus } from '../../server/events.ts';
import { MailSender } from '../../server/mail/sender.ts';
import { createMailTransport } from '../../server/mail/transport.ts';
import { queueEmail } from '../../server/mail/outbox.ts';
import { emailOutbox } from '../../server/db/schema.ts';
import type { MailConfig } from '../../server/config.ts';

const logger = pino({ level: 'silent' });
let database: TestDatabase;
let mail: TestMailServer;
const senders: MailSender[] = [];

function startSender(config: Partial<MailConfig> = {}, dataDir = os.tmpdir()) {
  const events = new DomainEventBus();
  const mailConfig: MailConfig = {
    smtpUrl: mail.url,
    from: 'Stint <no-reply@stint.test>',
    retryMs: 100,
    ...config,
  };
  const sender = new MailSender({
    db: database.db,
    transport: createMailTransport(mailConfig, dataDir),
    config: mailConfig,
    logger,
    origin: () => 'https://stint.example.org',
    pollMs: 200,
  });
  sender.start(events);
  senders.push(sender);
  return { sender, events };
}

async function queueActivity(title: string, to: string, name = 'Robin') {
  await database.db.transaction((tx) =>
    queueEmail(tx, {
      kind: 'application_received',
      to: { address: to, name },
      data: { title, body: 'Open the project to read it.', path: '/projects/p1/applicants' },
    }),
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  mail = await startMailServer();
});
afterAll(async () => {
  await Promise.all(senders.map((sender) => sender.stop()));
  await mail.stop();
  await database.destroy();
});

describe('the email outbox', () => {
  it('sends after commit: plain text and HTML from one template, with the product, the page and preferences', async () => {
    const { events } = startSender();
    await queueActivity('A new applicant for “Poster design”', 'first@example.test');
    events.emit('mail:queued');
    const email = await mail.waitForTo('first@example.test');
    expect(email.subject).toBe('A new applicant for “Poster design” · Stint');
    expect(email.text).toContain('Review the application: https://stint.example.org/projects/p1/applicants');
    expect(email.text).toContain('https://stint.example.org/settings#notifications');
    expect(email.html).toContain('href="https://stint.example.org/projects/p1/applicants"');
    expect(email.html).toContain('Stint');
    expect(email.parsed.messageId).toMatch(/^<[0-9a-f-]{36}@stint\.test>$/);
    expect(email.parsed.from?.value[0]).toMatchObject({ name: 'Stint', address: 'no-reply@stint.test' });
    expect(email.raw).toMatch(
      /^List-Unsubscribe: <https:\/\/stint\.example\.org\/settings#notifications>\r?$/m,
    );
  });

  it('sends nothing for a transaction that rolled back', async () => {
    const { events } = startSender();
    await expect(
      database.db.transaction(async (tx) => {
        await queueEmail(tx, {
          kind: 'reminder',
          to: { address: 'rolled-back@example.test', name: 'Nobody' },
          data: { title: 'Should never arrive', path: '/' },
        });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await queueActivity('Marker after the rollback', 'marker@example.test');
    events.emit('mail:queued');
    await mail.waitForTo('marker@example.test');
    expect(mail.to('rolled-back@example.test')).toHaveLength(0);
  });

  it('escapes HTML and cannot be made to inject headers through names or subjects', async () => {
    const { events } = startSender();
    await database.db.transaction((tx) =>
      queueEmail(tx, {
        kind: 'invitation',
        to: { address: 'target@example.test', name: 'Target\r\nBcc: victim@evil.test' },
        data: {
          inviterName: 'Eve\r\nBcc: victim@evil.test\r\nX-Evil: 1',
          targetName: '<script>alert(1)</script>\nSubject: pwned',
          target: 'workspace',
          role: 'mentor',
          path: '/workspaces/w1',
        },
      }),
    );
    events.emit('mail:queued');
    const email = await mail.waitForTo('target@example.test');
    expect(email.envelopeTo).toEqual(['target@example.test']);
    expect(email.parsed.headers.has('bcc')).toBe(false);
    expect(email.parsed.headers.has('x-evil')).toBe(false);
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject).toContain('Eve Bcc: victim@evil.test X-Evil: 1 invites you');
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;');
    // The raw header block has exactly one Subject and no injected lines.
    const headerBlock = email.raw.split(/\r?\n\r?\n/)[0]!;
    expect(headerBlock.match(/^subject:/gim)).toHaveLength(1);
    expect(headerBlock).not.toMatch(/^(bcc|x-evil):/im);
  });

  it('keeps a message while SMTP is down and sends it once after SMTP is back', async () => {
    const { events } = startSender();
    const port = mail.port;
    await mail.stop();
    await queueActivity('Sent after the outage', 'outage@example.test');
    events.emit('mail:queued');
    // Wait until the sender has really failed at least twice against the closed port.
    for (;;) {
      const [row] = await database.db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.toAddress, 'outage@example.test'));
      if (row && row.attempts >= 2) {
        expect(row.status).toBe('pending');
        expect(row.lastError).toBeTruthy();
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await mail.start(port);
    await mail.waitForTo('outage@example.test', undefined, 30_000);
    await queueActivity('Marker after the outage', 'outage-marker@example.test');
    events.emit('mail:queued');
    await mail.waitForTo('outage-marker@example.test');
    expect(mail.to('outage@example.test')).toHaveLength(1);
  });

  it('sends each message once when several senders drain the same outbox', async () => {
    const runs = [startSender(), startSender(), startSender()];
    const addresses = Array.from({ length: 24 }, (_, n) => `many${n}@example.test`);
    await database.db.transaction(async (tx) => {
      for (const address of addresses)
        await queueEmail(tx, {
          kind: 'reminder',
          to: { address, name: 'Many' },
          data: { title: 'One of many', path: '/' },
        });
    });
    for (const run of runs) run.events.emit('mail:queued');
    await Promise.all(addresses.map((address) => mail.waitForTo(address)));
    await queueActivity('Marker after many', 'many-marker@example.test');
    runs[0]!.events.emit('mail:queued');
    await mail.waitForTo('many-marker@example.test');
    for (const address of addresses) expect(mail.to(address)).toHaveLength(1);
  });

  it('writes .eml files to DATA_DIR/outbox when no SMTP_URL is set', async () => {
    for (const sender of senders.splice(0)) await sender.stop();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'stint-outbox-'));
    try {
      const { events } = startSender({ smtpUrl: undefined }, dataDir);
      await queueActivity('Written to a file', 'file@example.test');
      events.emit('mail:queued');
      const directory = path.join(dataDir, 'outbox');
      let files: string[] = [];
      while (files.length === 0) {
        files = (await readdir(directory).catch(() => [])).filter((file) => file.endsWith('.eml'));
        if (files.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(files[0]).toMatch(/\.eml$/);
      const raw = await readFile(path.join(directory, files[0]!), 'utf8');
      expect(raw).toMatch(/^To: Robin <file@example\.test>$/m);
      expect(raw).toContain('Written to a file');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
