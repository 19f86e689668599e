/**
 * `npm run cluster -- --processes 3 --port 42000`: N Stint processes (ports port+1 …) behind HAProxy
 * on `port`, configured from deploy/haproxy.cfg. Needs DATABASE_URL (PostgreSQL) and REDIS_URL;
 * Ctrl-C stops everything.
 */
import { ensureWebBuild } from './lib/web-build.ts';
import { launchCluster } from './cluster/launch.ts';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

const { DATABASE_URL, REDIS_URL } = process.env;
if (!DATABASE_URL || !REDIS_URL) {
  process.stderr.write(
    'npm run cluster needs DATABASE_URL=postgres://… and REDIS_URL=redis://… (the processes share both).\n',
  );
  process.exit(1);
}
const processes = option('processes', 3);
const port = option('port', 42000);
ensureWebBuild();
const cluster = await launchCluster({
  processes,
  port,
  firstProcessPort: port + 1,
  env: { DATABASE_URL, REDIS_URL, PUBLIC_ORIGIN: process.env.PUBLIC_ORIGIN ?? `http://localhost:${port}` },
  echo: true,
});
process.stdout.write(
  `\nStint: ${processes} processes (${cluster.processes.map((p) => p.port).join(', ')}) behind HAProxy on http://localhost:${port}\n`,
);
const stop = () => void cluster.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
