// Invariants every consensus result must keep, on seeded random crowds of many shapes.
import type { ConsensusInput, ConsensusResult, Judgement } from './consensus.types';
import { dawidSkene } from './dawid-skene';
import { majorityVote } from './majority-vote';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Sparse crowds: each worker judges each item with probability `density`, so some items get nothing.
function randomCrowd(seed: number, items: number, workers: number, classes: number, density: number): ConsensusInput {
  const rand = mulberry32(seed);
  const judgements: Judgement[] = [];
  for (let item = 0; item < items; item++) {
    for (let worker = 0; worker < workers; worker++) {
      if (rand() < density) judgements.push({ item, worker, label: Math.floor(rand() * classes) });
    }
  }
  return { judgements, items, workers, classes };
}

const SHAPES: [string, ConsensusInput][] = [
  ['binary, sparse', randomCrowd(1, 200, 10, 2, 0.2)],
  ['5 classes, dense', randomCrowd(2, 100, 8, 5, 0.9)],
  ['7 classes, very sparse', randomCrowd(3, 300, 30, 7, 0.03)],
  ['one class', randomCrowd(4, 20, 3, 1, 0.5)],
  ['no judgements at all', { judgements: [], items: 5, workers: 2, classes: 3 }],
  // 3000 agreeing judgements on one item: a product of probabilities would underflow to 0/0 outside log space.
  [
    'one item, 3000 workers',
    {
      judgements: Array.from({ length: 3000 }, (_, worker) => ({ item: 0, worker, label: worker % 7 === 0 ? 1 : 0 })),
      items: 1,
      workers: 3000,
      classes: 2,
    },
  ],
];

const RUNS: [string, (input: ConsensusInput) => ConsensusResult][] = [
  ['majorityVote', (input) => majorityVote(input)],
  ['dawidSkene', (input) => dawidSkene(input)],
  ['dawidSkene one-coin', (input) => dawidSkene(input, { workerModel: 'one-coin' })],
];

describe.each(RUNS)('%s invariants', (_name, run) => {
  it.each(SHAPES)('%s', (_shape, input) => {
    const result = run(input);
    const judged = new Set(input.judgements.map((j) => j.item));
    expect(result.posteriors).toHaveLength(input.items);
    result.posteriors.forEach((row, i) => {
      expect(row).toHaveLength(input.classes);
      expect(row.every((p) => Number.isFinite(p) && p >= 0 && p <= 1)).toBe(true);
      expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
      if (!judged.has(i)) {
        expect([result.labels[i], result.confidence[i]]).toEqual([null, null]);
        return;
      }
      const top = Math.max(...row);
      expect(result.confidence[i]).toBe(top);
      expect(result.labels[i]).toBe(row.indexOf(top)); // the first maximum: ties go to the lower id
    });
    // Deterministic: a second run is identical to the last bit.
    expect(run(input)).toEqual(result);
  });
});

describe('dawidSkene parameters stay valid distributions', () => {
  it.each(SHAPES)('%s', (_shape, input) => {
    const ds = dawidSkene(input);
    expect(Number.isFinite(ds.logLikelihood) && ds.logLikelihood <= 0).toBe(true);
    expect(Math.abs(ds.classPrior.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
    expect(ds.workerConfusion).toHaveLength(input.workers);
    for (const row of ds.workerConfusion.flat()) {
      expect(row.every((p) => Number.isFinite(p) && p > 0)).toBe(true);
      expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
    }
    expect(ds.iterations).toBeGreaterThanOrEqual(1);
  });

  // With pseudo-count alpha the M-step is a MAP step, so EM's guarantee is on the penalised objective
  // log-likelihood + alpha * (sum of log confusion cells + sum of log prior): it never decreases.
  it('EM never lowers the penalised log-likelihood from one round to the next', () => {
    const input = randomCrowd(5, 150, 12, 4, 0.4);
    const alpha = 0.01;
    const objective = (maxIterations: number) => {
      const ds = dawidSkene(input, { maxIterations, tolerance: 0, smoothing: alpha });
      const logs = [...ds.workerConfusion.flat(2), ...ds.classPrior].map(Math.log);
      return ds.logLikelihood + alpha * logs.reduce((a, b) => a + b, 0);
    };
    const values = [1, 2, 3, 5, 8, 13, 21].map(objective);
    values.slice(1).forEach((value, r) => expect(value).toBeGreaterThanOrEqual(values[r] - 1e-9));
    expect(values[6]).toBeGreaterThan(values[0]);
  });
});
