// Agreement benchmark: Krippendorff's alpha, Fleiss' kappa, Cohen's kappa, the pairwise kappa matrix and a bootstrap
// interval on ~1M synthetic ratings, each timed against one plain pass reading the same arrays in the same run, plus
// the peak heap and RSS each call adds. Run with `npm run bench -- agreement`.
import { loadTestEnv } from '@arbiter/server/config';
import {
  mulberry32,
  bootstrapInterval,
  cohensKappa,
  fleissKappa,
  krippendorffAlpha,
  PairwiseAnnotation,
  pairwiseAgreementMatrix,
  Rating,
} from '@arbiter/domain/agreement';
import { MB, gc, heapNow, peakGrowth } from './support/memory';
import { median, progressBar, recordResult } from './support/report';

const RATINGS = loadTestEnv().BENCH_RATINGS ?? 1_000_000;
const REPEATS = loadTestEnv().BENCH_REPEATS ?? 5;
const WARMUPS = 2;
const MEMORY_REPEATS = 3;
const RATERS = 10;
const CLASSES = 5;
const ACCURACY = 0.75; // else a uniform label, so a rater is right with p = 0.75 + 0.25 / 5 = 0.8
const MISSING = 0.1;
const BOOTSTRAP_ITEMS = 10_000;
const BOOTSTRAP_SAMPLES = 200;
const SEED = 20240601;

/** `reliability[r][i]`: each item has a uniform true class; each present rating is it with p ≈ 0.8. */
function ratings(items: number, missing: number, seed: number): Rating[][] {
  const random = mulberry32(seed);
  const reliability = Array.from({ length: RATERS }, (): Rating[] => []);
  for (let i = 0; i < items; i++) {
    const truth = Math.floor(random() * CLASSES);
    for (let r = 0; r < RATERS; r++) {
      if (random() < missing) reliability[r].push(null);
      else reliability[r].push(random() < ACCURACY ? truth : Math.floor(random() * CLASSES));
    }
  }
  return reliability;
}

function countRows(reliability: Rating[][]): number[][] {
  return reliability[0].map((_, i) => {
    const row = new Array<number>(CLASSES).fill(0);
    for (const rater of reliability) if (rater[i] !== null) row[rater[i] as number]++;
    return row;
  });
}

function annotationList(reliability: Rating[][]): PairwiseAnnotation[] {
  const list: PairwiseAnnotation[] = [];
  const raters = reliability.map((_, r) => `rater-${r}`);
  for (let i = 0; i < reliability[0].length; i++) {
    const item = `item-${i}`;
    for (let r = 0; r < RATERS; r++) {
      const label = reliability[r][i];
      if (label !== null) list.push({ item, rater: raters[r], label });
    }
  }
  return list;
}

// Baselines: read every value once and fold it into a number the caller keeps, so nothing is optimised away.
function readRatings(rows: Rating[][]): number {
  let sum = 0;
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (v !== null) sum += v + 1;
    }
  }
  return sum;
}

function readCounts(rows: number[][]): number {
  let sum = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    for (let c = 0; c < row.length; c++) sum += row[c];
  }
  return sum;
}

function readAnnotations(list: PairwiseAnnotation[]): number {
  let sum = 0;
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    sum += a.label + a.rater.length + (typeof a.item === 'string' ? a.item.length : a.item);
  }
  return sum;
}

/** Heap + external memory retained by what `build` returns (after a GC when one is available). */
function sized<T>(build: () => T): { value: T; mb: number } {
  gc?.();
  const before = heapNow();
  const value = build();
  gc?.();
  return { value, mb: (heapNow() - before) / MB };
}

interface Job {
  name: string;
  run: () => number;
  /** The baseline job's name; absent for a baseline. */
  baseline?: string;
  input?: string;
  inputMb?: number;
}

const fixed = (v: number | null, digits = 4) => (v === null ? 'null' : v.toFixed(digits));

function main(): void {
  const items = Math.round(RATINGS / (RATERS * (1 - MISSING)));
  const t0 = Date.now();
  const rel = sized(() => ratings(items, MISSING, SEED));
  const present = rel.value.reduce((n, row) => n + row.filter((v) => v !== null).length, 0);
  // Fleiss needs the same number of raters on every item: a second, complete data set of the same size.
  const counts = sized(() => countRows(ratings(RATINGS / RATERS, 0, SEED + 1)));
  const subset = sized(() => counts.value.slice(0, BOOTSTRAP_ITEMS).map((row) => [...row]));
  const list = sized(() => annotationList(rel.value));
  const pair = rel.value.slice(0, 2);
  console.log(`${items} items × ${RATERS} raters, ${present} ratings present; inputs built in ${Date.now() - t0} ms`);
  console.log(gc ? 'gc() available: collected before every measured call' : 'gc() unavailable: memory deltas include earlier garbage');

  const results = new Map<string, number>();
  const keep = (name: string, v: number | null) => (results.set(name, v ?? NaN), v ?? NaN);
  const relLabel = `${present} ratings (${items} items × ${RATERS} raters, ${MISSING * 100}% missing)`;
  const jobs: Job[] = [
    { name: 'read reliability', run: () => readRatings(rel.value) },
    ...(['nominal', 'ordinal', 'interval'] as const).map((level) => ({
      name: `krippendorffAlpha ${level}`,
      run: () => keep(level, krippendorffAlpha(rel.value, { level }).value),
      baseline: 'read reliability',
      input: `reliability ${RATERS} × ${items}`,
      inputMb: rel.mb,
    })),
    { name: 'read 2 raters', run: () => readRatings(pair) },
    {
      name: 'cohensKappa (raters 0, 1)',
      run: () => keep('cohen', cohensKappa(pair[0], pair[1]).value),
      baseline: 'read 2 raters',
      input: `raters 0 and 1 of the same`,
      inputMb: (rel.mb * 2) / RATERS,
    },
    { name: 'read counts', run: () => readCounts(counts.value) },
    {
      name: 'fleissKappa',
      run: () => keep('fleiss', fleissKappa(counts.value).value),
      baseline: 'read counts',
      input: `complete variant: ${counts.value.length} × ${CLASSES} counts`,
      inputMb: counts.mb,
    },
    { name: 'read annotations', run: () => readAnnotations(list.value) },
    {
      name: 'pairwiseAgreementMatrix',
      run: () => {
        const m = pairwiseAgreementMatrix(list.value);
        const off = m.kappa.flatMap((row, i) => row.filter((_, j) => j > i)) as number[];
        keep('pairs', off.length);
        keep('pairMin', Math.min(...off));
        keep('pairMax', Math.max(...off));
        return keep('pairMean', off.reduce((a, b) => a + b, 0) / off.length);
      },
      baseline: 'read annotations',
      input: `${list.value.length} { item, rater, label }`,
      inputMb: list.mb,
    },
    {
      name: `read subset × ${BOOTSTRAP_SAMPLES + 1}`,
      run: () => {
        let sum = 0;
        for (let s = 0; s <= BOOTSTRAP_SAMPLES; s++) sum += readCounts(subset.value);
        return sum;
      },
    },
    {
      name: `bootstrapInterval (fleissKappa, ${BOOTSTRAP_SAMPLES} samples)`,
      run: () => {
        const b = bootstrapInterval((rows) => fleissKappa(rows).value, subset.value, { samples: BOOTSTRAP_SAMPLES, seed: SEED, level: 0.95 });
        keep('bootLow', b.low);
        keep('bootHigh', b.high);
        return keep('boot', b.value);
      },
      baseline: `read subset × ${BOOTSTRAP_SAMPLES + 1}`,
      input: `first ${BOOTSTRAP_ITEMS} of those rows`,
      inputMb: subset.mb,
    },
  ];

  const seconds = new Map<string, number[]>(jobs.map((j) => [j.name, []]));
  const memory = new Map<string, { heapMb: number[]; rssMb: number[] }>(jobs.map((j) => [j.name, { heapMb: [], rssMb: [] }]));
  let sink = 0;
  const bar = progressBar((WARMUPS + REPEATS + MEMORY_REPEATS) * jobs.length);
  // Interleaved rounds, each starting one job later, so drift on the shared machine hits every job alike.
  for (let round = 0; round < WARMUPS + REPEATS; round++) {
    for (let k = 0; k < jobs.length; k++) {
      const job = jobs[(round + k) % jobs.length];
      gc?.();
      const start = process.hrtime.bigint();
      sink += job.run();
      const s = Number(process.hrtime.bigint() - start) / 1e9;
      if (round >= WARMUPS) seconds.get(job.name)!.push(s);
      bar.tick();
    }
  }
  for (let round = 0; round < MEMORY_REPEATS; round++) {
    for (const job of jobs) {
      const m = peakGrowth(() => (sink += job.run()));
      memory.get(job.name)!.heapMb.push(m.heapMb);
      if (m.rssMb !== null) memory.get(job.name)!.rssMb.push(m.rssMb);
      bar.tick();
    }
  }

  const r = (k: string) => results.get(k) ?? NaN;
  const shown: Record<string, string> = {
    'krippendorffAlpha nominal': `α = ${fixed(r('nominal'))}`,
    'krippendorffAlpha ordinal': `α = ${fixed(r('ordinal'))}`,
    'krippendorffAlpha interval': `α = ${fixed(r('interval'))}`,
    'cohensKappa (raters 0, 1)': `κ = ${fixed(r('cohen'))}`,
    fleissKappa: `κ = ${fixed(r('fleiss'))}`,
    pairwiseAgreementMatrix: `${r('pairs')} pairs, mean κ = ${fixed(r('pairMean'))} (${fixed(r('pairMin'), 3)}–${fixed(r('pairMax'), 3)})`,
  };
  shown[jobs[jobs.length - 1].name] = `κ = ${fixed(r('boot'))}, 95% [${fixed(r('bootLow'))}, ${fixed(r('bootHigh'))}]`;
  const rows = jobs
    .filter((j) => j.baseline)
    .map((j) => {
      const call = median(seconds.get(j.name)!);
      const base = median(seconds.get(j.baseline!)!);
      const mem = memory.get(j.name)!;
      const heap = median(mem.heapMb);
      const rss = mem.rssMb.length ? `${median(mem.rssMb).toFixed(1)} MB` : 'n/a';
      return { j, call, base, ratio: call / base, heap, rss };
    });
  console.log(rows.map(({ j, call, base, ratio, heap, rss }) => ({ call: j.name, value: shown[j.name], seconds: call, baseline: base, ratio, heapMb: heap, rss })));
  console.log(`(sink ${sink})`);

  recordResult('agreement', [
    `Synthetic, seeded: ${relLabel}, ${CLASSES} equiprobable classes, each rating the item's class with p = ${ACCURACY} else uniform.`,
    `Two raters then agree with p = 0.8² + 4·0.05² = 0.65 against 0.2 by chance, so every kappa and nominal alpha should be ≈ 0.5625.`,
    '',
    `| call | input | computed | baseline: one pass reading the same arrays (median of ${REPEATS}) | call (median of ${REPEATS}) | ratio call / pass | peak heap growth | peak RSS growth | heap growth / input size |`,
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(({ j, call, base, ratio, heap, rss }) =>
      `| ${j.name} | ${j.input} (${j.inputMb!.toFixed(1)} MB) | ${shown[j.name]} | ${j.baseline}: ${(base * 1e3).toFixed(2)} ms | ${(call * 1e3).toFixed(1)} ms | **${ratio.toFixed(1)}×** | ${heap.toFixed(1)} MB | ${rss} | ${(heap / j.inputMb!).toFixed(2)}× |`,
    ),
    '',
    'Baselines read row by row (rater-major for `reliability`); alpha walks it item by item across the ten rater arrays.',
    `Fleiss' kappa needs equal raters per item, so it runs on a complete variant of the same size (${RATINGS / RATERS} items × ${RATERS}); the bootstrap resamples its first ${BOOTSTRAP_ITEMS} rows and its baseline reads them ${BOOTSTRAP_SAMPLES + 1} times (the full data plus one pass per resample).`,
    `Memory: ${gc ? 'after a full GC, ' : 'without gc() (earlier garbage may be counted), '}the highest V8 heap + external memory seen during the call (before each GC in it, and at its end) minus the level before it, so garbage not yet collected counts; peak RSS growth is VmHWM after the call over RSS before it (reset through /proc/self/clear_refs), low when the call reuses pages an earlier one freed. Medians of ${MEMORY_REPEATS} runs. Input sizes are the heap the arrays retain.`,
  ]);
}

main();
