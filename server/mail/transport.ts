import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { MailConfig } from '../config.ts';

export interface OutgoingEmail {
  messageId: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** Where mail goes: an SMTP server, or (with no SMTP_URL) .eml files a developer can open. */
export interface MailTransport {
  readonly kind: 'smtp' | 'files';
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

export function createMailTransport(config: MailConfig, dataDir: string): MailTransport {
  return config.smtpUrl ? smtpTransport(config) : fileTransport(config, path.resolve(dataDir, 'outbox'));
}

function smtpTransport(config: MailConfig): MailTransport {
  const transporter = nodemailer.createTransport(config.smtpUrl!, {
    // A server that stops answering must not hold a message (its lease) for long.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as never);
  return {
    kind: 'smtp',
    async send(email) {
      await transporter.sendMail({ from: config.from, ...email });
    },
    close: () => transporter.close(),
  };
}

/**
 * Writes each message as `<outbox>/<message id>.eml`. The name comes from the outbox row, so a
 * message written twice (a crash before it was marked sent) is still one file.
 */
function fileTransport(config: MailConfig, directory: string): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'files',
    async send(email) {
      const info = await composer.sendMail({ from: config.from, ...email });
      await mkdir(directory, { recursive: true });
      const name = email.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9.@-]/g, '_');
      const target = path.join(directory, `${name}.eml`);
      const partial = path.join(directory, `.${name}.partial`);
      await writeFile(partial, info.message as Buffer);
      await rename(partial, target);
    },
    close: () => composer.close(),
  };
}
