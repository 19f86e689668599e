import { fork, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sleep } from './measure.ts';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** A forked helper that answers each command with one message (or `{type:'error'}`). */
export class Helper {
  readonly child: ChildProcess;

  constructor(script: string) {
    this.child = fork(fileURLToPath(new URL(script, import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
  }

  ask<T = { type: string }>(command: unknown, timeoutMs = 180_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`helper timed out on ${JSON.stringify(command).slice(0, 80)}`)),
        timeoutMs,
      );
      const onExit = () =>
        reject(new Error(`helper exited while asked ${JSON.stringify(command).slice(0, 80)}`));
      this.child.once('exit', onExit);
      this.child.once('message', (reply: { type: string; message?: string }) => {
        clearTimeout(timer);
        this.child.off('exit', onExit);
        if (reply.type === 'error') reject(new Error(reply.message));
        else resolve(reply as T);
      });
      this.child.send(command as object);
    });
  }

  stop(): void {
    this.child.kill('SIGTERM');
  }
}

/** A server process; `ready` resolves once `healthUrl` answers 200, with the time that took. */
export interface ServerProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  url: string;
  startMs: number;
  stop(): Promise<void>;
}

export async function startServer(
  name: string,
  args: string[],
  env: Record<string, string>,
  port: number,
  healthPath: string,
): Promise<ServerProcess> {
  const started = Date.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`${name} exited before it answered ${healthPath}`);
    try {
      const response = await fetch(url + healthPath);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  return {
    name,
    child,
    pid: child.pid!,
    url,
    startMs: Date.now() - started,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Burns one core until stopped: how the benchmark keeps the machine busy. */
export function startBurner(): ChildProcess {
  return spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
}
