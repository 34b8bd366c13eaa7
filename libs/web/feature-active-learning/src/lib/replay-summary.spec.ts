/// <reference types="jest" />
import type { Replay } from '@arbiter/contracts';
import { meanFullAccuracy, summariseReplay } from './replay-summary';

type Result = Replay['results'][number];
const run = (strategy: string, seed: number, accuracies: number[]): Result => ({
  strategy,
  seed,
  fullAccuracy: 0.9,
  points: accuracies.map((accuracy, i) => ({ labels: 10 * (i + 1), accuracy })),
});

// Worked by hand: targets are 0.95 × 0.9 = 0.855 and 0.98 × 0.9 = 0.882, interpolated between batches.
//   random 1: never reaches 0.855.   random 2: 20 + 10 · (0.855 − 0.80) / 0.06 = 29.1667; never 0.882.
//   margin 1: 10 + 10 · (0.855 − 0.50) / 0.36 = 19.8611; 20 + 10 · (0.882 − 0.86) / 0.03 = 27.3333.
//   margin 2: 10 + 10 · (0.855 − 0.60) / 0.30 = 18.5;    10 + 10 · (0.882 − 0.60) / 0.30 = 19.4.
const RESULTS: Result[] = [
  run('margin', 1, [0.5, 0.86, 0.89]),
  run('random', 1, [0.5, 0.7, 0.8]),
  run('margin', 2, [0.6, 0.9, 0.9]),
  run('random', 2, [0.6, 0.8, 0.86]),
];

describe('summariseReplay', () => {
  const [random, margin] = summariseReplay(RESULTS);

  it('puts random first, then the strategies as the results name them', () => {
    expect(summariseReplay(RESULTS).map((s) => s.strategy)).toEqual(['random', 'margin']);
    expect(margin.runs.map((r) => r.seed)).toEqual([1, 2]);
  }, 5_000);

  it('gives the mean curve over seeds with its min–max band', () => {
    const band = margin.summary.curve.map((p) => [p.labels, p.mean, p.min, p.max, p.runs]);
    expect(band.map((row) => row.map((x) => Math.round(x * 1e6) / 1e6))).toEqual([
      [10, 0.55, 0.5, 0.6, 2],
      [20, 0.88, 0.86, 0.9, 2],
      [30, 0.895, 0.89, 0.9, 2],
    ]);
  }, 5_000);

  it('gives the labels to reach 95% and 98% of full-data accuracy, counting the seeds that did', () => {
    const [p95, p98] = margin.summary.reach;
    expect(p95.meanLabels).toBeCloseTo((19.861111 + 18.5) / 2, 4);
    expect([p95.reached, p95.runs]).toEqual([2, 2]);
    expect(p98.meanLabels).toBeCloseTo((27.333333 + 19.4) / 2, 4);
    const [r95, r98] = random.summary.reach;
    expect(r95.meanLabels).toBeCloseTo(29.166667, 4);
    expect([r95.reached, r98.reached, r98.meanLabels]).toEqual([1, 0, null]);
  }, 5_000);

  it('compares to random on the seeds both reached the target on, and not random to itself', () => {
    const [v95, v98] = margin.versusRandom;
    expect(v95?.seeds).toEqual([2]);
    expect(v95?.ratio).toBeCloseTo(18.5 / 29.166667, 4);
    expect(v98?.ratio).toBeNull();
    expect(random.versusRandom).toEqual([null, null]);
  }, 5_000);

  it('leaves out runs without points yet, counts a seed reported twice once, and works without random', () => {
    const partial = summariseReplay([run('hybrid', 1, [0.5, 0.6]), run('hybrid', 2, []), run('hybrid', 1, [0.5, 0.7])]);
    expect(partial).toHaveLength(1);
    expect(partial[0].runs).toHaveLength(1);
    expect(partial[0].summary.curve.map((p) => p.mean)).toEqual([0.5, 0.7]);
    expect(partial[0].versusRandom).toEqual([null, null]);
  }, 5_000);

  it('returns nothing for a replay with no results yet', () => {
    expect(summariseReplay([])).toEqual([]);
    expect(meanFullAccuracy([])).toBeNull();
  }, 5_000);
});
