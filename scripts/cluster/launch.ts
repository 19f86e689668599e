import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const HAPROXY_CONFIG = path.join(root, 'deploy/haproxy.cfg');

/** One Stint process of a cluster (what `npm start` runs), as a child process. */
export interface StintProcess {
  name: string;
  child: ChildProcess;
  port: number;
  url: string;
  output: () => string;
  /** Sends a signal (default SIGTERM) and resolves when the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface Cluster {
  /** The balancer's address: what browsers and clients use. */
  url: string;
  wsUrl: string;
  processes: StintProcess[];
  balancer: ChildProcess;
  /** Starts one more process and puts it behind the balancer (re-rendering its config). */
  addProcess(): Promise<StintProcess>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  processes: number;
  /** Environment of every process: DATABASE_URL and REDIS_URL at least. */
  env: Record<string, string>;
  /** The balancer's port; 0 picks a free one. */
  port?: number;
  /** First process port (then +1 …); 0 lets each process pick a free one. */
  firstProcessPort?: number;
  /** Copies process output to this process's stdout, prefixed with the process name. */
  echo?: boolean;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** deploy/haproxy.cfg with our ports: its `bind` line and `server` lines replaced. */
export async function renderHaproxyConfig(port: number, servers: { name: string; port: number }[]) {
  const template = await readFile(HAPROXY_CONFIG, 'utf8');
  const lines: string[] = [];
  let serversWritten = false;
  for (const line of template.split('\n')) {
    if (/^\s*bind\s/.test(line)) lines.push(`  bind 127.0.0.1:${port}`);
    else if (/^\s*server\s/.test(line)) {
      if (serversWritten) continue;
      serversWritten = true;
      for (const server of servers) lines.push(`  server ${server.name} 127.0.0.1:${server.port}`);
    } else lines.push(line);
  }
  return lines.join('\n');
}

export function startStintProcess(
  name: string,
  env: Record<string, string>,
  port: number,
  echo = false,
): Promise<StintProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', SEED: 'false', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (echo) process.stdout.write(chunk.toString().replace(/^(?=.)/gm, `[${name}] `));
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 90_000);
    const onData = () => {
      const match = /"port":(\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      const listening = Number(match[1]);
      resolve({
        name,
        child,
        port: listening,
        url: `http://127.0.0.1:${listening}`,
        output: () => output,
        stop: async (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before listening:\n${output}`));
    });
  });
}

async function waitForHealthy(url: string, alive: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!alive()) throw new Error(`the balancer in front of ${url} exited`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not become healthy`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * N Stint processes behind HAProxy configured from deploy/haproxy.cfg. The processes start one
 * after the other (they migrate the shared database under a lock anyway), then the balancer.
 */
export async function launchCluster(options: ClusterOptions): Promise<Cluster> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'stint-cluster-'));
  const configFile = path.join(directory, 'haproxy.cfg');
  const port = options.port || (await freePort());
  const processes: StintProcess[] = [];
  const portFor = (index: number) => (options.firstProcessPort ? options.firstProcessPort + index : 0);

  // The first migrates the database; the others then start side by side.
  processes.push(await startStintProcess('stint1', options.env, portFor(0), options.echo));
  processes.push(
    ...(await Promise.all(
      Array.from({ length: options.processes - 1 }, (_, i) =>
        startStintProcess(`stint${i + 2}`, options.env, portFor(i + 1), options.echo),
      ),
    )),
  );

  let balancer: ChildProcess;
  let balancerOutput = '';
  async function startBalancer() {
    await writeFile(configFile, await renderHaproxyConfig(port, processes));
    balancer = spawn('haproxy', ['-f', configFile, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
    balancer.stdout!.on('data', (chunk: Buffer) => (balancerOutput += chunk.toString()));
    balancer.stderr!.on('data', (chunk: Buffer) => (balancerOutput += chunk.toString()));
    balancer.once('exit', (code) => {
      if (code) process.stderr.write(`haproxy exited with ${code}:\n${balancerOutput}\n`);
    });
    await waitForHealthy(
      `http://127.0.0.1:${port}`,
      () => balancer.exitCode === null && balancer.signalCode === null,
    );
  }
  async function stopBalancer() {
    if (balancer.exitCode !== null || balancer.signalCode !== null) return;
    const exited = once(balancer, 'exit');
    balancer.kill('SIGTERM');
    await exited;
  }
  await startBalancer();

  const cluster: Cluster = {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    processes,
    get balancer() {
      return balancer;
    },
    async addProcess() {
      const added = await startStintProcess(
        `stint${processes.length + 1}`,
        options.env,
        portFor(processes.length),
        options.echo,
      );
      processes.push(added);
      await stopBalancer();
      await startBalancer();
      return added;
    },
    async stop() {
      await stopBalancer();
      await Promise.all(processes.map((child) => child.stop('SIGTERM')));
      await rm(directory, { recursive: true, force: true });
    },
  };
  return cluster;
}
