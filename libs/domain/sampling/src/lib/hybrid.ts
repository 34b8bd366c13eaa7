// Hybrid sampling after Zhdanov 2019, "Diverse mini-batch Active Learning": the top M rows by margin, clustered
// by weighted k-means (k = batchSize, weight = 1 - margin) over their embeddings, and the candidate nearest each
// centre taken. Uncertain, but not b near-copies of the same uncertain row. Not k-center: on short texts it
// picks atypical rows, and fell below random sampling in a reference run.
// Only the M candidates' embeddings are read, so a million rows cost one pass over the probabilities.
import { mulberry32 } from '@arbiter/util/random';
import * as embeddingRows from './embeddings';
import { assertBatchSize, assertSeed, countOutside, type Matrix, type RowMajor, type RowSet, toRowMajor, toRowMask } from './inputs';
import { seedKMeansPlusPlus } from './k-means-plus-plus';
import { offerMargins } from './margin';
import { TopScores } from './top-scores';
import { weightedKMeans } from './weighted-k-means';

// Module-local copies: under esbuild/swc's CommonJS output an imported binding is a getter call on every read,
// which made these per-row loops about twice as slow as with a local binding.
const { squaredDistance, toEmbeddings } = embeddingRows;

export const HYBRID_MAX_ITERATIONS = 100;

export interface HybridOptions {
  /** n × k class probabilities: number[][], or a row-major typed array with `numClasses`. */
  probs: Matrix;
  /** n × d: number[][], or a row-major typed array with `dim`. */
  embeddings: Matrix;
  batchSize: number;
  /** Candidates taken by margin before clustering; default 10 · batchSize. */
  topM?: number;
  seed: number;
  exclude?: RowSet;
  numClasses?: number;
  dim?: number;
}

/**
 * The chosen rows in margin order (smallest first, ties lower index). When M (topM, capped by the rows not
 * excluded) is at most batchSize there is nothing to diversify: the top M by margin are returned as they are.
 */
export function hybrid({ probs, embeddings, batchSize, topM, seed, exclude, numClasses, dim }: HybridOptions): number[] {
  assertBatchSize(batchSize);
  assertSeed(seed);
  if (topM !== undefined && (!Number.isSafeInteger(topM) || topM < 1)) throw new RangeError(`topM must be an integer ≥ 1, got ${topM}`);
  const p = toRowMajor('probs', probs, 'numClasses', numClasses, 2);
  const e = toRowMajor('embeddings', embeddings, 'dim', dim, 1);
  if (e.n !== p.n) throw new RangeError(`embeddings has ${e.n} rows, probs ${p.n}: expected one embedding per row`);
  const skip = toRowMask('exclude', exclude, p.n);

  const top = new TopScores(Math.min(topM ?? 10 * batchSize, countOutside(skip, p.n)));
  offerMargins(p.values, p.n, p.width, skip, top);
  // Scores are -(p1 - p2); ranked smallest margin first, which is the order of the answer too.
  const { rows: candidates, scores } = top.ranked();
  if (candidates.length <= batchSize) return candidates;

  toEmbeddings(embeddings, dim, candidates); // finiteness of the rows read
  const pool = gather(e, candidates);
  const weights = Float64Array.from(scores, (s) => 1 + s); // 1 - margin
  const initial = seedKMeansPlusPlus({ rows: pool, count: batchSize, random: mulberry32(seed), weights, taken: null });
  const { centres } = weightedKMeans({ rows: pool, weights, initial, maxIterations: HYBRID_MAX_ITERATIONS });
  return nearestToCentres(pool, centres, batchSize)
    .sort((a, b) => a - b)
    .map((x) => candidates[x]);
}

function gather({ values, width: d }: RowMajor, rows: readonly number[]): RowMajor {
  const out = new Float64Array(rows.length * d);
  rows.forEach((row, x) => out.set(values.subarray(row * d, (row + 1) * d), x * d));
  return { values: out, n: rows.length, width: d };
}

/**
 * One distinct pool position per centre, matched greedily by distance: repeatedly the closest (centre, row) pair
 * among unmatched centres and rows (ties: the smaller margin, i.e. the earlier pool position, then the lower
 * centre). Each centre's nearest row is cached and recomputed only when another centre took it.
 */
function nearestToCentres(pool: RowMajor, centres: Float64Array, k: number): number[] {
  const { values, n, width: d } = pool;
  const taken = new Uint8Array(n);
  const bestRow = new Int32Array(k);
  const bestDist = new Float64Array(k);
  const nearestFree = (c: number) => {
    bestRow[c] = -1;
    bestDist[c] = Infinity;
    for (let x = 0; x < n; x++) {
      if (taken[x]) continue;
      const dist = squaredDistance(values, x * d, centres, c * d, d);
      if (dist < bestDist[c]) {
        bestRow[c] = x;
        bestDist[c] = dist;
      }
    }
  };
  for (let c = 0; c < k; c++) nearestFree(c);
  const matched = new Uint8Array(k);
  const chosen: number[] = [];
  while (chosen.length < k) {
    let c = -1;
    for (let o = 0; o < k; o++) {
      if (matched[o]) continue;
      if (c < 0 || bestDist[o] < bestDist[c] || (bestDist[o] === bestDist[c] && bestRow[o] < bestRow[c])) c = o;
    }
    if (taken[bestRow[c]]) {
      nearestFree(c);
      continue;
    }
    matched[c] = 1;
    taken[bestRow[c]] = 1;
    chosen.push(bestRow[c]);
  }
  return chosen;
}
