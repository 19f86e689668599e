/**
 * `npm start`: builds the web front end when the build is missing or older than its sources, then
 * starts the server (which migrates, seeds an empty embedded database and prints the demo logins).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const builtHandler = path.join(root, 'web/build/handler.js');

function newestChange(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'build' || entry.name.startsWith('.')) continue;
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const sources = Math.max(newestChange(path.join(root, 'web')), newestChange(path.join(root, 'shared')));
if (!existsSync(builtHandler) || statSync(builtHandler).mtimeMs < sources) {
  process.stdout.write('Building the web front end (first start, or sources changed)…\n');
  const build = spawnSync('npx', ['vite', 'build'], { cwd: path.join(root, 'web'), stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const { main } = await import('../server/index.ts');
main();
