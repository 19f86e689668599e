import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import type { MailConfig } from '../config.ts';
import type { DomainEventBus } from '../events.ts';
import { isSecurityEmail, type EmailKind } from '../../shared/email-kinds.ts';
import { claimDueEmails, markEmailFailed, markEmailSent, nextDueInMs, type OutboxRow } from './outbox.ts';
import { layout } from './render.ts';
import { TEMPLATES } from './templates/index.ts';
import type { MailTransport, OutgoingEmail } from './transport.ts';

export interface MailSenderOptions {
  db: Db;
  transport: MailTransport;
  config: MailConfig;
  logger: Logger;
  /** The origin links in emails point at (PUBLIC_ORIGIN, or this server's own address). */
  origin: () => string;
  /** Look for due mail at least this often, for rows other processes wrote or retries. */
  pollMs?: number;
  leaseMs?: number;
  maxAttempts?: number;
}

const BATCH = 20;

/**
 * Sends what the outbox holds, after commit: woken when a service queues mail, and polling for
 * retries and other processes' rows. Failures retry with exponential backoff; after `maxAttempts`
 * a message is marked failed and logged. Each row is sent by one process (see claimDueEmails) and
 * carries a Message-ID made from its id, so a receiver can drop the rare duplicate of a crash between
 * the SMTP server's acceptance and the row being marked sent.
 */
export class MailSender {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly wake = () => this.kick();

  constructor(private readonly options: MailSenderOptions) {
    this.pollMs = options.pollMs ?? 5_000;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.maxAttempts = options.maxAttempts ?? 12;
  }

  /** Links point at this origin from now on (createApp sets it once it knows its port). */
  setOrigin(origin: () => string): void {
    this.options.origin = origin;
  }

  get transportKind() {
    return this.options.transport.kind;
  }

  start(events: DomainEventBus): void {
    events.on('mail:queued', this.wake);
    this.stopEvents = () => events.off('mail:queued', this.wake);
    this.kick();
  }

  private stopEvents = () => {};

  /** Runs a drain now (or right after the one under way). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.drain()
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'mail sender failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        } else {
          void this.scheduleNext();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopEvents();
    clearTimeout(this.timer);
    await this.running;
    this.options.transport.close();
  }

  private async scheduleNext(): Promise<void> {
    if (this.stopped) return;
    let delay = this.pollMs;
    try {
      const due = await nextDueInMs(this.options.db);
      if (due !== null) delay = Math.min(this.pollMs, Math.max(20, due + 5));
    } catch {
      // the database is briefly unreachable: poll again later
    }
    if (this.stopped || this.running) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), delay);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const rows = await claimDueEmails(this.options.db, BATCH, this.leaseMs);
      if (rows.length === 0) return;
      for (const row of rows) await this.sendOne(row);
    }
  }

  private async sendOne(row: OutboxRow): Promise<void> {
    const { db, transport, logger } = this.options;
    try {
      await transport.send(this.compose(row));
      await markEmailSent(db, row.id);
      logger.info({ emailId: row.id, kind: row.kind, attempt: row.attempts }, 'email sent');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const last = row.attempts >= this.maxAttempts;
      const retryInMs = last
        ? null
        : Math.min(this.options.config.retryMs * 2 ** (row.attempts - 1), 6 * 60 * 60 * 1000);
      await markEmailFailed(db, row, message.slice(0, 500), retryInMs);
      const log = { emailId: row.id, kind: row.kind, attempt: row.attempts, retryInMs, error: message };
      if (last) logger.error(log, 'email given up after its last attempt');
      else logger.warn(log, 'email not sent; will retry');
    }
  }

  compose(row: OutboxRow): OutgoingEmail {
    const origin = this.options.origin();
    const template = TEMPLATES[row.kind as EmailKind] as (data: unknown) => Parameters<typeof layout>[0];
    const rendered = layout(template(row.data), origin);
    const domain = /@([^>\s]+)>?\s*$/.exec(this.options.config.from)?.[1] ?? 'stint.localhost';
    return {
      messageId: `<${row.id}@${domain}>`,
      to: { name: row.toName, address: row.toAddress },
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      headers: {
        'X-Stint-Email-Kind': row.kind,
        ...(isSecurityEmail(row.kind as EmailKind)
          ? {}
          : { 'List-Unsubscribe': `<${new URL('/settings#notifications', origin).toString()}>` }),
      },
    };
  }
}
