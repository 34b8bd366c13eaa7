// A FAKE `al:simulate` for testing bench/active-learning.bench.ts end to end before the real simulator exists, or
// without waiting for it: same flags, same result file, a progress bar on stderr, nothing on stdout. It trains
// nothing: each curve is a seeded saturating exponential towards an invented full-data accuracy, with noise.
// Its numbers mean nothing and must never be published. Usage:
//   node --require tsx/cjs bench/active-learning.bench.ts --command "node --require tsx/cjs bench/support/fake-simulate.ts"
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { mulberry32 } from '@arbiter/util/random';

// Invented label cost per strategy (labels for the gap to full accuracy to shrink by e on a 6,000-row pool).
const SCALE: Record<string, number> = { random: 420, 'least-confidence': 330, margin: 280, entropy: 300, 'k-center': 470, 'kmeans-pp': 380, hybrid: 270 };

const { values } = parseArgs({
  options: {
    train: { type: 'string' },
    test: { type: 'string' },
    strategy: { type: 'string' },
    seed: { type: 'string' },
    initial: { type: 'string' },
    batch: { type: 'string' },
    budget: { type: 'string' },
    out: { type: 'string' },
  },
  strict: true,
});
for (const flag of ['train', 'test', 'strategy', 'seed', 'initial', 'batch', 'budget', 'out'] as const) {
  if (values[flag] === undefined) throw new Error(`--${flag} is required`);
}
const strategy = values.strategy!;
if (!(strategy in SCALE)) throw new Error(`unknown strategy ${strategy}`);
const [seed, initial, batch, budget] = [values.seed, values.initial, values.batch, values.budget].map(Number);

const labelsOf = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { label: number }).label);
const train = labelsOf(values.train!);
const test = labelsOf(values.test!);
const k = new Set([...train, ...test]).size;

// 32-bit arithmetic throughout: a float hash of a long strategy name would swallow the seed.
const random = mulberry32(Math.imul(seed, 1_000_003) + [...strategy].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7));
const noise = (sd: number) => sd * (random() + random() + random() + random() - 2) * Math.sqrt(3);
// Accuracy is a count over the test rows, so round to that grain like a real run would.
const measured = (a: number) => Math.round(Math.min(1, Math.max(0, a)) * test.length) / test.length;
const fullAccuracy = measured((k > 2 ? 0.879 : 0.93) + noise(0.004));
const scale = SCALE[strategy] * Math.sqrt(train.length / 6000);
const floor = 1 / k;

const points: { labels: number; accuracy: number }[] = [];
const last = Math.min(budget, train.length);
for (let labels = initial; labels <= last; labels += batch) {
  const mean = fullAccuracy - (fullAccuracy - floor) * Math.exp(-labels / scale);
  points.push({ labels, accuracy: measured(mean + noise(0.008)) });
  const done = Math.round((30 * labels) / last);
  process.stderr.write(`\r[${'#'.repeat(done)}${'.'.repeat(30 - done)}] ${labels}/${last} labels`);
}
process.stderr.write('\n');
writeFileSync(values.out!, JSON.stringify({ strategy, seed, fullAccuracy, points }));
