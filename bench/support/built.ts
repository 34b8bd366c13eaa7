// A library as tsc compiled it into dist/server (which `npm run bench` builds first): the code the api and worker
// run. Benchmarks otherwise import the TypeScript sources, which tsx transforms with esbuild; esbuild's CommonJS
// output reads every imported binding through a getter, which costs several times over in a hot loop that reads
// an imported constant (ABSTAIN), so a figure from the sources can be far from production's.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const load = createRequire(__filename);

/** `libDir` as in the repository, e.g. `libs/domain/label-model`; `T` is `typeof` the sources' module. */
export function loadBuilt<T>(libDir: string): T {
  const entry = resolve(__dirname, '../../dist/server', libDir, 'src/index.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` (npm run bench does)`);
  return load(entry) as T;
}
