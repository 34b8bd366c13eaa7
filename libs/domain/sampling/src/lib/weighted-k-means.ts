// Weighted k-means (Lloyd's algorithm) over a few hundred or thousand candidate rows, for hybrid sampling.
// Centres start at given rows; each iteration moves every centre to the weighted mean of its members, then
// reassigns every row to its nearest centre, until no assignment changes or maxIterations have run.
import * as embeddings from './embeddings';
import type { RowMajor } from './inputs';

// Module-local copies: under esbuild/swc's CommonJS output an imported binding is a getter call on every read,
// which made these per-row loops about twice as slow as with a local binding.
const { squaredDistance } = embeddings;

export interface WeightedKMeansOptions {
  rows: RowMajor;
  /** One non-negative weight per row. */
  weights: Float64Array;
  /** Row indices the k centres start at (k = initial.length ≤ rows.n). */
  initial: readonly number[];
  maxIterations: number;
}

export interface WeightedKMeans {
  /** k × d, row-major. */
  centres: Float64Array;
  /** Each row's centre. */
  assignment: Int32Array;
  iterations: number;
}

export function weightedKMeans({ rows, weights, initial, maxIterations }: WeightedKMeansOptions): WeightedKMeans {
  const { values, n, width: d } = rows;
  const k = initial.length;
  const centres = new Float64Array(k * d);
  initial.forEach((row, c) => centres.set(values.subarray(row * d, (row + 1) * d), c * d));
  const assignment = new Int32Array(n).fill(-1);
  assign(rows, centres, k, assignment);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    moveCentres(rows, weights, centres, k, assignment);
    if (!assign(rows, centres, k, assignment)) break;
  }
  return { centres, assignment, iterations };
}

/** Assigns each row to its nearest centre (ties: the lower centre); returns whether any assignment changed. */
function assign({ values, n, width: d }: RowMajor, centres: Float64Array, k: number, assignment: Int32Array): boolean {
  let changed = false;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestDist = Infinity;
    for (let c = 0; c < k; c++) {
      const dist = squaredDistance(values, i * d, centres, c * d, d);
      if (dist < bestDist) {
        best = c;
        bestDist = dist;
      }
    }
    if (assignment[i] !== best) {
      assignment[i] = best;
      changed = true;
    }
  }
  return changed;
}

/**
 * Weighted mean of each cluster's members (the plain mean if their weights are all 0). An empty cluster is
 * re-seeded at the row farthest from its own centre (ties: lower row), each such row used once per round.
 */
function moveCentres(rows: RowMajor, weights: Float64Array, centres: Float64Array, k: number, assignment: Int32Array): void {
  const { values, n, width: d } = rows;
  const weighted = new Float64Array(k * d);
  const plain = new Float64Array(k * d);
  const mass = new Float64Array(k);
  const members = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = assignment[i];
    const w = weights[i];
    mass[c] += w;
    members[c]++;
    for (let j = 0; j < d; j++) {
      weighted[c * d + j] += w * values[i * d + j];
      plain[c * d + j] += values[i * d + j];
    }
  }
  for (let c = 0; c < k; c++) {
    if (members[c] === 0) continue;
    const [sum, total] = mass[c] > 0 ? [weighted, mass[c]] : [plain, members[c]];
    for (let j = 0; j < d; j++) centres[c * d + j] = sum[c * d + j] / total;
  }
  const reseeded = new Uint8Array(n);
  for (let c = 0; c < k; c++) {
    if (members[c] > 0) continue;
    let far = -1;
    let farDist = -1;
    for (let i = 0; i < n; i++) {
      const dist = reseeded[i] ? -1 : squaredDistance(values, i * d, centres, assignment[i] * d, d);
      if (dist > farDist) {
        far = i;
        farDist = dist;
      }
    }
    reseeded[far] = 1;
    centres.set(values.subarray(far * d, (far + 1) * d), c * d);
  }
}
