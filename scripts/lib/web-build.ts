import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function newestChange(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'build' || entry.name.startsWith('.')) continue;
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds web/ with Vite when the build is missing or older than web/ or shared/ sources. */
export function ensureWebBuild(): void {
  const builtHandler = path.join(root, 'web/build/handler.js');
  const sources = Math.max(newestChange(path.join(root, 'web')), newestChange(path.join(root, 'shared')));
  if (existsSync(builtHandler) && statSync(builtHandler).mtimeMs >= sources) return;
  process.stdout.write('Building the web front end (first start, or sources changed)…\n');
  // Always a production build, even when a test runner (NODE_ENV=test) asks for it.
  const build = spawnSync('npx', ['vite', 'build'], {
    cwd: path.join(root, 'web'),
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) throw new Error(`The web build failed (exit ${build.status}).`);
}
