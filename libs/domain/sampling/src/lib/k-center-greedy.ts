// Core-set selection by k-center greedy (Sener & Savarese 2018, "Active Learning for Convolutional Neural
// Networks: A Core-Set Approach"): repeatedly take the row farthest from everything labeled or already taken,
// so the batch covers the embedding space. Cost O((labeled + batchSize) · n · dim).
import * as embeddingRows from './embeddings';
import { assertBatchSize, countOutside, type Matrix, type RowMajor, type RowSet, toRowMask } from './inputs';

// Module-local copies: under esbuild/swc's CommonJS output an imported binding is a getter call on every read,
// which made these per-row loops about twice as slow as with a local binding.
const { lowerNearest, squaredDistance, toEmbeddings } = embeddingRows;

export interface KCenterGreedyOptions {
  /** n × d: number[][], or a row-major Float32Array / Float64Array with `dim`. */
  embeddings: Matrix;
  batchSize: number;
  /** Rows already labeled: centres from the start, never returned. */
  labeled?: RowSet;
  dim?: number;
}

/**
 * Picks in order; each pick maximises the distance to its nearest labeled or earlier-picked row (ties: lower
 * index). With nothing labeled the first pick is the row nearest the mean of all rows: deterministic without a
 * seed, and a typical row rather than an outlier (farthest-first reaches the outliers soon enough).
 */
export function kCenterGreedy({ embeddings, batchSize, labeled, dim }: KCenterGreedyOptions): number[] {
  assertBatchSize(batchSize);
  const rows = toEmbeddings(embeddings, dim);
  const { n } = rows;
  const labeledMask = toRowMask('labeled', labeled, n);
  const count = Math.min(batchSize, countOutside(labeledMask, n));
  const taken = labeledMask ?? new Uint8Array(n);
  // Squared distance from each row to its nearest centre (labeled or picked); +∞ while there is none.
  const nearest = new Float64Array(n).fill(Infinity);
  if (labeledMask) for (let l = 0; l < n; l++) if (labeledMask[l]) lowerNearest(rows, l, nearest);

  const picks: number[] = [];
  while (picks.length < count) {
    const pick = picks.length === 0 && !labeledMask ? rowNearestMean(rows) : farthestUntaken(nearest, taken);
    picks.push(pick);
    taken[pick] = 1;
    if (picks.length < count) lowerNearest(rows, pick, nearest);
  }
  return picks;
}

function farthestUntaken(nearest: Float64Array, taken: Uint8Array): number {
  let best = -1;
  let bestDist = -1;
  for (let i = 0; i < nearest.length; i++) {
    if (taken[i] === 0 && nearest[i] > bestDist) {
      best = i;
      bestDist = nearest[i];
    }
  }
  return best;
}

function rowNearestMean({ values, n, width: d }: RowMajor): number {
  const mean = new Float64Array(d);
  for (let x = 0; x < n * d; x += d) for (let j = 0; j < d; j++) mean[j] += values[x + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  let best = 0;
  let bestDist = Infinity;
  for (let i = 0; i < n; i++) {
    const dist = squaredDistance(values, i * d, mean, 0, d);
    if (dist < bestDist) {
      best = i;
      bestDist = dist;
    }
  }
  return best;
}
