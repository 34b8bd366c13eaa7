// The vote matrix L (n items × m labeling functions, ABSTAIN = -1) in the two forms the label model accepts:
// plain number[][] for small data, and a compact row-major Int8Array for millions of rows. Every entry point
// validates through here, so the math below can trust its input.

export const ABSTAIN = -1;

/** Largest class count the Int8Array form can hold (votes 0..126). */
export const MAX_CLASSES = 127;

/** Row-major: the vote of LF j on item i is votes[i * m + j]. */
export interface CompactVoteMatrix {
  n: number;
  m: number;
  votes: Int8Array;
}

export type VoteMatrix = number[][] | CompactVoteMatrix;

export function isCompact(L: VoteMatrix): L is CompactVoteMatrix {
  return !Array.isArray(L);
}

export function assertClassCount(k: number): void {
  if (!Number.isSafeInteger(k) || k < 2 || k > MAX_CLASSES) {
    throw new RangeError(`k must be an integer in 2..${MAX_CLASSES}, got ${k}`);
  }
}

function badVote(i: number, j: number, value: unknown, k: number): RangeError {
  return new RangeError(`vote at row ${i}, column ${j} is ${String(value)}: expected ${ABSTAIN} (abstain) or 0..${k - 1}`);
}

function fromRows(rows: number[][], k: number): CompactVoteMatrix {
  const n = rows.length;
  const m = n > 0 ? rows[0].length : 0;
  const votes = new Int8Array(n * m);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (!Array.isArray(row) || row.length !== m) {
      throw new RangeError(`row ${i} has ${Array.isArray(row) ? row.length : 'no'} votes, expected ${m} (one per LF)`);
    }
    for (let j = 0; j < m; j++) {
      const v = row[j];
      if (!Number.isInteger(v) || v < ABSTAIN || v >= k) throw badVote(i, j, v, k);
      votes[i * m + j] = v;
    }
  }
  return { n, m, votes };
}

function checkCompact(L: CompactVoteMatrix, k: number): CompactVoteMatrix {
  const { n, m, votes } = L;
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(m) || n < 0 || m < 0) {
    throw new RangeError(`n and m must be non-negative integers, got n = ${n}, m = ${m}`);
  }
  if (!(votes instanceof Int8Array) || votes.length !== n * m) {
    throw new RangeError(`votes must be an Int8Array of n × m = ${n * m} entries`);
  }
  for (let x = 0; x < votes.length; x++) {
    if (votes[x] < ABSTAIN || votes[x] >= k) throw badVote(Math.floor(x / m), x % m, votes[x], k);
  }
  return L;
}

/**
 * Validates L against k and returns it in compact form (number[][] is copied; a compact matrix is returned
 * as is, never copied). Throws RangeError naming the row and column of the first vote outside -1..k-1.
 */
export function toCompactVoteMatrix(L: VoteMatrix, k: number): CompactVoteMatrix {
  assertClassCount(k);
  return isCompact(L) ? checkCompact(L, k) : fromRows(L, k);
}

/** The compact matrix as number[][] (for small matrices: tests, fixtures, display). */
export function toVoteRows(L: CompactVoteMatrix): number[][] {
  return Array.from({ length: L.n }, (_, i) => Array.from(L.votes.subarray(i * L.m, (i + 1) * L.m)));
}

/** Row-wise probabilities (n × k, Float64Array) as number[][]. */
export function toProbabilityRows(proba: Float64Array, k: number): number[][] {
  const n = proba.length / k;
  return Array.from({ length: n }, (_, i) => Array.from(proba.subarray(i * k, (i + 1) * k)));
}
