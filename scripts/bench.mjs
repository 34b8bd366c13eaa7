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
const benches = readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && (!wanted.length || wanted.some((w) => f.startsWith(w))));
for (const b of benches) {
  console.log(`› bench/${b}`);
  // --expose-gc lets memory benchmarks collect before each measured call; tsx resolves tsconfig paths.
  execFileSync(process.execPath, ['--expose-gc', '--require', 'tsx/cjs', `bench/${b}`], { stdio: 'inherit' });
}
