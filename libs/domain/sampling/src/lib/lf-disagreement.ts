// LF-disagreement sampling: the items where labeling functions conflict or the label model is unsure, the ones
// a human label settles best. Score in [0, 1], largest first, ties lower index:
//   votes  H(vote shares) / ln K over the non-abstain votes of the row: 0 when they all agree (or fewer than
//          two were cast), 1 when they spread evenly over all K classes;
//   probs  (when the label model's probabilities are given) H(p) / ln K, 1 for a uniform row;
//   score  the larger of the two.
// K is numClasses, else the probs row length, else 1 + the largest vote (at least 2).
import { ABSTAIN as LABEL_MODEL_ABSTAIN } from '@arbiter/domain/label-model';
import { assertBatchSize, badProbability, countOutside, type Matrix, type RowSet, toRowMajor, toRowMask } from './inputs';
import * as rowEntropy from './row-entropy';
import { TopScores } from './top-scores';

// Module-local copies (ABSTAIN is the label model's): under esbuild/swc's CommonJS output an imported binding is
// a getter call on every read, which made these per-row loops about twice as slow as with a local binding.
const { entropyOfSorted, sortAscending } = rowEntropy;
const ABSTAIN: number = LABEL_MODEL_ABSTAIN;

export interface LfDisagreementOptions {
  /** n × numLfs votes, ABSTAIN = -1: a row-major Int8Array or number[][]. */
  votes: Int8Array | readonly (readonly number[])[];
  numLfs: number;
  batchSize: number;
  /** The label model's n × K probabilities: number[][] or a row-major typed array with `numClasses`. */
  probs?: Matrix;
  numClasses?: number;
  exclude?: RowSet;
}

const { log, min } = Math;

export function lfDisagreement({ votes, numLfs, batchSize, probs, numClasses, exclude }: LfDisagreementOptions): number[] {
  assertBatchSize(batchSize);
  const compact = toVotes(votes, numLfs);
  const n = compact.length / numLfs;
  const p = probs === undefined ? null : toRowMajor('probs', probs, 'numClasses', numClasses, 2);
  if (p && p.n !== n) throw new RangeError(`probs has ${p.n} rows, votes ${n}: expected one per item`);
  const k = p ? p.width : (numClasses ?? classCountFromVotes(compact));
  if (!Number.isSafeInteger(k) || k < 2) throw new RangeError(`numClasses must be an integer ≥ 2, got ${k}`);
  const skip = toRowMask('exclude', exclude, n);
  const top = new TopScores(min(batchSize, countOutside(skip, n)));
  const counts = new Float64Array(k);
  const scratch = new Float64Array(k);
  const lnK = log(k);

  for (let i = 0; i < n; i++) {
    counts.fill(0);
    let cast = 0;
    let distinct = 0;
    for (let j = 0, x = i * numLfs; j < numLfs; j++, x++) {
      const v = compact[x];
      if (v === ABSTAIN) continue;
      if (v < ABSTAIN || v >= k) throw new RangeError(`votes row ${i}, LF ${j} is ${v}: expected ${ABSTAIN} (abstain) or 0..${k - 1}`);
      if (counts[v]++ === 0) distinct++;
      cast++;
    }
    let score = 0;
    if (distinct >= 2) {
      for (let c = 0; c < k; c++) scratch[c] = counts[c] / cast;
      sortAscending(scratch, k);
      score = entropyOfSorted(scratch, k) / lnK;
    }
    if (p) {
      for (let c = 0, x = i * k; c < k; c++, x++) {
        const q = p.values[x];
        if (!(q >= 0 && q <= 1)) throw badProbability(i, c, q);
        scratch[c] = q;
      }
      sortAscending(scratch, k);
      const unsure = entropyOfSorted(scratch, k) / lnK;
      if (unsure > score) score = unsure;
    }
    // Rounding can lift a uniform row a hair above 1; the score is documented as [0, 1].
    if (skip === null || skip[i] === 0) top.offer(min(score, 1), i);
  }
  return top.ranked().rows;
}

function toVotes(votes: LfDisagreementOptions['votes'], m: number): Int8Array {
  if (!Number.isSafeInteger(m) || m < 1) throw new RangeError(`numLfs must be an integer ≥ 1, got ${m}`);
  if (votes instanceof Int8Array) {
    if (votes.length % m !== 0) throw new RangeError(`votes has ${votes.length} entries, not a multiple of numLfs = ${m}`);
    return votes;
  }
  if (!Array.isArray(votes)) throw new RangeError('votes must be an Int8Array or number[][]');
  const out = new Int8Array(votes.length * m);
  votes.forEach((row: readonly number[], i) => {
    if (!Array.isArray(row) || row.length !== m) {
      throw new RangeError(`votes row ${i} has ${Array.isArray(row) ? row.length : 'no'} entries, expected numLfs = ${m}`);
    }
    row.forEach((v, j) => {
      if (!Number.isInteger(v) || v < ABSTAIN || v > 126) throw new RangeError(`votes row ${i}, LF ${j} is ${v}: expected ${ABSTAIN} (abstain) or a class 0..126`);
      out[i * m + j] = v;
    });
  });
  return out;
}

function classCountFromVotes(votes: Int8Array): number {
  let largest = 1;
  for (let x = 0; x < votes.length; x++) if (votes[x] > largest) largest = votes[x];
  return largest + 1;
}
