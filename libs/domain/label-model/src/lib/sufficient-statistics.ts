// The only statistics the matrix-completion label model needs: the overlap matrix O = E[λ λᵀ] of the one-hot
// votes (d = m·k indicators, indicator a = j·k + v means "LF j voted v"), built in one streaming pass with
// typed arrays. Memory is O(d²) whatever n is, and rows can arrive in chunks (e.g. from a database cursor).
import { ABSTAIN, type CompactVoteMatrix, assertClassCount } from './vote-matrix';

// A module-local copy: under esbuild/swc's CommonJS output an imported binding is a getter call on every read,
// which made these per-vote loops about three times slower than the tsc build.
const NO_VOTE: number = ABSTAIN;

export interface OverlapStatistics {
  n: number;
  m: number;
  k: number;
  /** m·k */
  d: number;
  /** d × d row-major, symmetric: O[a·d + b] = share of rows on which indicators a and b are both on. The
   * diagonal is each (LF, vote) propensity; the k × k block of one LF is diagonal (one vote per row). */
  overlap: Float64Array;
  /** Per LF, the share of rows it voted on. */
  coverage: Float64Array;
}

export interface OverlapAccumulator {
  /** Adds a chunk of already validated rows (same m). */
  add(chunk: CompactVoteMatrix): void;
  finish(): OverlapStatistics;
}

export function createOverlapAccumulator(m: number, k: number): OverlapAccumulator {
  assertClassCount(k);
  const d = m * k;
  const counts = new Float64Array(d * d); // upper triangle only until finish(); exact up to 2^53 rows
  const on = new Int32Array(m);
  let n = 0;
  return {
    add(chunk) {
      if (chunk.m !== m) throw new RangeError(`chunk has ${chunk.m} LFs, expected ${m}`);
      const { votes } = chunk;
      for (let i = 0; i < chunk.n; i++) {
        let c = 0;
        const base = i * m;
        for (let j = 0; j < m; j++) {
          const v = votes[base + j];
          if (v !== NO_VOTE) on[c++] = j * k + v; // ascending in j, so a < b below
        }
        for (let x = 0; x < c; x++) {
          const row = on[x] * d;
          for (let y = x; y < c; y++) counts[row + on[y]] += 1;
        }
      }
      n += chunk.n;
    },
    finish() {
      const overlap = new Float64Array(d * d);
      const coverage = new Float64Array(m);
      const scale = n > 0 ? 1 / n : 0;
      for (let a = 0; a < d; a++) {
        for (let b = a; b < d; b++) overlap[a * d + b] = overlap[b * d + a] = counts[a * d + b] * scale;
        coverage[Math.floor(a / k)] += overlap[a * d + a];
      }
      return { n, m, k, d, overlap, coverage };
    },
  };
}

/** One pass over a validated compact matrix. */
export function overlapStatistics(L: CompactVoteMatrix, k: number): OverlapStatistics {
  const acc = createOverlapAccumulator(L.m, k);
  acc.add(L);
  return acc.finish();
}
