import net from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger.ts';
import { eventually } from '../helpers/live.ts';
import { firstMilestone } from '../helpers/portfolio.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { makeWorkspace } from '../helpers/workspace.ts';

const logLines: { level: number; msg: string }[] = [];
const captured = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
    done();
  },
});

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer({ logger: createLogger('info', captured) });
});
afterAll(() => app.stop());

describe('an upload the client abandons', () => {
  it('is logged at info as interrupted, never as a server error, and leaves the server answering', async () => {
    const team = await makeWorkspace(app.url, { intern: true });
    const milestone = await firstMilestone(team.supervisor, team.workspaceId);
    const { port } = new URL(app.url);
    const boundary = 'stintboundary';
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="milestoneId"\r\n\r\n${milestone.id}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="report.pdf"\r\n` +
      `Content-Type: application/pdf\r\n\r\n%PDF-1.7\n`;
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /api/workspaces/${team.workspaceId}/deliverables HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
        `Origin: ${app.url}\r\nCookie: ${team.intern.cookie}\r\n` +
        `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: 5000000\r\n\r\n`,
    );
    socket.write(head);
    socket.write(Buffer.alloc(200_000, 0x41));
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the server start reading the file
    socket.destroy();

    await eventually(() =>
      expect(logLines.map((line) => line.msg)).toContain('upload interrupted by the client'),
    );
    const interrupted = logLines.find((line) => line.msg === 'upload interrupted by the client')!;
    expect(interrupted.level).toBeLessThanOrEqual(40);
    expect(logLines.filter((line) => line.level >= 50)).toEqual([]);
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  });
});
