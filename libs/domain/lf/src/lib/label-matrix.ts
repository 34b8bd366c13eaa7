// The vote matrix L (n items × m LFs, ABSTAIN = -1) in its compact row-major form: one byte per vote, so a
// million items × 20 LFs is 20 MB and scans at memory speed.
import { ABSTAIN, MAX_LABEL } from './lf-definitions';
import { LfAnalysisError, LfAnalysisErrorCode as Code } from './lf-analysis.error';

// Module-local copies: a transpiled import is a getter call on every read of the hot loop.
const LOWEST_VOTE: number = ABSTAIN;
const HIGHEST_VOTE: number = MAX_LABEL;

export interface LabelMatrix {
  n: number;
  m: number;
  /** votes[i * m + j] = vote of LF j on item i. */
  votes: Int8Array;
}

export type LabelMatrixInput = LabelMatrix | readonly (readonly number[])[];

export function isLabelMatrix(input: LabelMatrixInput): input is LabelMatrix {
  return !Array.isArray(input);
}

/** Packs `rows[i][j]` into the compact form; every row must have the same length and every vote be -1..127. */
export function toLabelMatrix(rows: readonly (readonly number[])[]): LabelMatrix {
  const n = rows.length;
  const m = n === 0 ? 0 : rows[0].length;
  const votes = new Int8Array(n * m);
  for (let i = 0, base = 0; i < n; i++, base += m) {
    const row = rows[i];
    if (!Array.isArray(row) || row.length !== m) {
      throw new LfAnalysisError(Code.InvalidShape, `row ${i} has ${Array.isArray(row) ? row.length : 'no'} votes; row 0 has ${m}`);
    }
    for (let j = 0; j < m; j++) {
      const v = row[j];
      if (!Number.isInteger(v) || v < LOWEST_VOTE || v > HIGHEST_VOTE) throw invalidVote(i, j, v);
      votes[base + j] = v;
    }
  }
  return { n, m, votes };
}

/** Checks the compact form's shape; its votes are checked while they are scanned. */
export function checkLabelMatrixShape({ n, m, votes }: LabelMatrix): void {
  const count = (x: number) => Number.isInteger(x) && x >= 0;
  if (!count(n) || !count(m) || !(votes instanceof Int8Array) || votes.length !== n * m) {
    throw new LfAnalysisError(Code.InvalidShape, `a label matrix needs an Int8Array of n × m votes (n = ${n}, m = ${m})`);
  }
}

export function invalidVote(i: number, j: number, v: unknown): LfAnalysisError {
  return new LfAnalysisError(Code.InvalidVote, `vote [${i}][${j}] = ${String(v)} is not ABSTAIN (-1) or a label 0..${MAX_LABEL}`);
}
