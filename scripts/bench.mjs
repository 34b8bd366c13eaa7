// `npm run bench [-- name]`: builds, then runs bench/<name>.bench.ts (all of them by default) with tsx.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureInstall } from './ensure-install.mjs';

const root = resolve(import.meta.dirname, '..');
process.chdir(root);
ensureInstall();
const { buildServer } = await import('./build.mjs');
buildServer();
const wanted = process.argv.slice(2);
const all = readdirSync('bench').filter((f) => f.endsWith('.bench.ts'));
// A name picks its own file when there is one (`lf` is not also `lf-run`), else every file it prefixes.
const picks = (w) => (all.includes(`${w}.bench.ts`) ? [`${w}.bench.ts`] : all.filter((f) => f.startsWith(w)));
const benches = wanted.length ? [...new Set(wanted.flatMap(picks))] : all;
for (const b of benches) {
  console.log(`› bench/${b}`);
  // --expose-gc lets memory benchmarks collect before each measured call; tsx resolves tsconfig paths.
  execFileSync(process.execPath, ['--expose-gc', '--require', 'tsx/cjs', `bench/${b}`], { stdio: 'inherit' });
}
