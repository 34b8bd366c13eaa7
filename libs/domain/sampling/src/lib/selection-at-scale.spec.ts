// Correctness at scale, not speed (timing lives in bench/sampling.bench.ts): on 200,000 rows the heap-based
// selection of every score-ranked strategy must return exactly what scoring every row and fully sorting does.
import { mulberry32 } from '@arbiter/util/random';
import { entropy } from './entropy';
import { seededProbs } from './fixtures.testing';
import { leastConfidence } from './least-confidence';
import { lfDisagreement } from './lf-disagreement';
import { margin } from './margin';

const N = 200_000;
const K = 4;
const LFS = 6;

const random = mulberry32(2024);
const probs = seededProbs(N, K, random);
// Planted ties: exact copies of earlier rows and uniform rows, scattered, so cuts fall inside ties.
for (let x = 0; x < 2_000; x++) {
  const to = Math.floor(random() * N);
  const from = Math.floor(random() * N);
  probs.copyWithin(to * K, from * K, from * K + K);
  if (x % 10 === 0) probs.fill(0.25, from * K, from * K + K);
}
const votes = Int8Array.from({ length: N * LFS }, () => Math.floor(random() * (K + 1)) - 1);
const exclude = Uint8Array.from({ length: N }, () => Number(random() < 0.1));

const row = (i: number) => Array.from(probs.subarray(i * K, (i + 1) * K));
const h = (ps: number[]) => -ps.filter((p) => p > 0).reduce((s, p) => s + p * Math.log(p), 0);
// Entropy of a multiset: summed in ascending order so permuted rows score alike (the library's convention).
const hSorted = (ps: number[]) => h([...ps].sort((a, b) => a - b));
const top2 = (ps: number[]) => [...ps].sort((a, b) => b - a);

/** Brute force: every candidate's score, a full sort (largest first, ties lower index), the first b. */
function fullSort(score: (i: number) => number, b: number, skip?: Uint8Array): number[] {
  const rows = Array.from({ length: N }, (_, i) => i).filter((i) => !skip?.[i]);
  const scores = new Float64Array(N);
  for (const i of rows) scores[i] = score(i);
  return rows.sort((x, y) => scores[y] - scores[x] || x - y).slice(0, b);
}

function voteScore(i: number): number {
  const counts = new Array<number>(K).fill(0);
  for (let j = 0; j < LFS; j++) if (votes[i * LFS + j] >= 0) counts[votes[i * LFS + j]]++;
  const cast = counts.reduce((s, c) => s + c, 0);
  if (counts.filter((c) => c > 0).length < 2) return 0;
  return hSorted(counts.map((c) => c / cast)) / Math.log(K);
}

describe('selection at 200,000 rows equals a full sort', () => {
  const cases: [string, (b: number, skip?: Uint8Array) => number[], (i: number) => number][] = [
    ['leastConfidence', (b, skip) => leastConfidence({ probs, numClasses: K, batchSize: b, exclude: skip }), (i) => 1 - Math.max(...row(i))],
    ['margin', (b, skip) => margin({ probs, numClasses: K, batchSize: b, exclude: skip }), (i) => -(top2(row(i))[0] - top2(row(i))[1])],
    ['entropy', (b, skip) => entropy({ probs, numClasses: K, batchSize: b, exclude: skip }), (i) => hSorted(row(i))],
    [
      'lfDisagreement',
      (b, skip) => lfDisagreement({ votes, numLfs: LFS, probs, numClasses: K, batchSize: b, exclude: skip }),
      (i) => Math.min(1, Math.max(voteScore(i), hSorted(row(i)) / Math.log(K))),
    ],
  ];

  for (const [name, select, score] of cases) {
    it(`${name}: batches of 100 and 2,000, with and without excluded rows`, () => {
      const all = fullSort(score, 2_000);
      const allSkipped = fullSort(score, 2_000, exclude);
      expect(select(100)).toEqual(all.slice(0, 100));
      expect(select(2_000)).toEqual(all);
      expect(select(100, exclude)).toEqual(allSkipped.slice(0, 100));
      expect(select(2_000, exclude)).toEqual(allSkipped);
    }, 120_000);
  }

  it('the planted ties reach the top: uniform rows lead every probability-based ranking, in index order', () => {
    const uniform = Array.from({ length: N }, (_, i) => i).filter((i) => row(i).every((p) => p === 0.25));
    expect(uniform.length).toBeGreaterThan(100);
    expect(leastConfidence({ probs, numClasses: K, batchSize: 100 })).toEqual(uniform.slice(0, 100));
    expect(entropy({ probs, numClasses: K, batchSize: 100 })).toEqual(uniform.slice(0, 100));
  }, 120_000);
});
