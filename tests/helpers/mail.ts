import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface ReceivedEmail {
  /** Envelope recipients, as the SMTP server was told them (RCPT TO). */
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
  to: string;
  subject: string;
  text: string;
  html: string;
  kind: string;
}

/**
 * A real SMTP server on loopback that keeps what it receives, for tests to read. `stop()` and
 * `start()` again on the same port let a test take it down for a while.
 */
export class TestMailServer {
  readonly received: ReceivedEmail[] = [];
  private server: SMTPServer | undefined;
  private waiters: (() => void)[] = [];
  port = 0;

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(port = this.port): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          void simpleParser(raw).then((parsed) => {
            this.received.push({
              envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              raw,
              parsed,
              to: parsed.to && !Array.isArray(parsed.to) ? (parsed.to.value[0]?.address ?? '') : '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              kind: String(parsed.headers.get('x-stint-email-kind') ?? ''),
            });
            for (const wake of this.waiters.splice(0)) wake();
            callback();
          }, callback);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Messages to one address (and optionally of one kind), in arrival order. */
  to(address: string, kind?: string): ReceivedEmail[] {
    return this.received.filter(
      (email) => email.envelopeTo.includes(address.toLowerCase()) && (!kind || email.kind === kind),
    );
  }

  /** Resolves with the first message matching, waiting for it to arrive. */
  async waitFor(match: (email: ReceivedEmail) => boolean, timeoutMs = 20_000): Promise<ReceivedEmail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching email within ${timeoutMs} ms; got ${this.summary()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  waitForTo(address: string, kind?: string, timeoutMs?: number) {
    return this.waitFor(
      (email) => email.envelopeTo.includes(address.toLowerCase()) && (!kind || email.kind === kind),
      timeoutMs,
    );
  }

  summary(): string {
    return JSON.stringify(
      this.received.map((email) => [email.envelopeTo.join(','), email.kind, email.subject]),
    );
  }
}

export function startMailServer(): Promise<TestMailServer> {
  return new TestMailServer().start();
}

/** The `token` query parameter of the first link in an email's text that has one. */
export function tokenFrom(email: ReceivedEmail): string {
  const match = /https?:\/\/\S+[?&]token=([^\s&]+)/.exec(email.text);
  if (!match) throw new Error(`no token link in: ${email.text}`);
  return decodeURIComponent(match[1]!);
}

export function linkFrom(email: ReceivedEmail): URL {
  const match = /https?:\/\/\S+[?&]token=[^\s&]+/.exec(email.text);
  if (!match) throw new Error(`no token link in: ${email.text}`);
  return new URL(match[0]);
}
