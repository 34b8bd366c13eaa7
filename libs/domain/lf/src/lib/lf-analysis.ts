// LF analysis as snorkel.labeling.LFAnalysis defines it (snorkel/labeling/analysis.py): per-LF polarity,
// coverage, overlaps, conflicts and, against gold, correct / incorrect / empirical accuracy; plus the matrix's
// label coverage, overlap and conflict. One pass over the compact matrix with typed-array counters.
import { ABSTAIN, MAX_LABEL } from './lf-definitions';
import { LfAnalysisError, LfAnalysisErrorCode as Code } from './lf-analysis.error';
import {
  checkLabelMatrixShape,
  invalidVote,
  isLabelMatrix,
  type LabelMatrix,
  type LabelMatrixInput,
  toLabelMatrix,
} from './label-matrix';

// Copied into module-local constants: a transpiled import is a getter call on every read, which made the
// inner loop five times slower.
const NO_VOTE: number = ABSTAIN;
const SLOTS: number = MAX_LABEL + 1;

export interface LfStats {
  /** Sorted distinct labels the LF emitted. */
  polarity: number[];
  /** Snorkel's fractions are all over the n items (not over the LF's own votes); null when n = 0. */
  coverage: number | null;
  /** Items it labels that at least one other LF labels too. */
  overlaps: number | null;
  /** Items it labels on which two LFs give different labels (so some other LF disagrees with it). */
  conflicts: number | null;
  /** Counts behind the fractions; Snorkel's normalize_by_coverage is overlapped / labeled. */
  labeled: number;
  overlapped: number;
  conflicted: number;
  /** Against gold (null without it): items it labels with the gold label / with another label. */
  correct: number | null;
  incorrect: number | null;
  /** correct / labeled; null without gold or when the LF labels nothing (Snorkel prints 0 there). */
  empiricalAccuracy: number | null;
}

export interface LfAnalysis {
  n: number;
  m: number;
  /** Fraction of items with at least one label (Snorkel's label_coverage). */
  labelCoverage: number | null;
  /** Fraction of items with at least two labels (label_overlap). */
  labelOverlap: number | null;
  /** Fraction of items with two different labels (label_conflict). */
  labelConflict: number | null;
  lfs: LfStats[];
}

export interface AnalyzeLfsInput {
  matrix: LabelMatrixInput;
  /** Gold label per item (integers >= 0). */
  gold?: ArrayLike<number>;
}

export function analyzeLfs({ matrix, gold }: AnalyzeLfsInput): LfAnalysis {
  const L = compact(matrix);
  const y = gold === undefined ? null : checkGold(gold, L.n);
  const { n, m, votes } = L;
  const labeled = new Uint32Array(m);
  const overlapped = new Uint32Array(m);
  const conflicted = new Uint32Array(m);
  const correct = new Uint32Array(m);
  const seen = new Uint8Array(m * SLOTS);
  let covered = 0;
  let overlapRows = 0;
  let conflictRows = 0;
  for (let i = 0, base = 0; i < n; i++, base += m) {
    // First sweep: how many LFs vote on item i, and do any two disagree.
    let count = 0;
    let first = NO_VOTE;
    let conflict = 0;
    for (let j = 0; j < m; j++) {
      const v = votes[base + j];
      if (v === NO_VOTE) continue;
      if (v < 0) throw invalidVote(i, j, v);
      if (count === 0) first = v;
      else if (v !== first) conflict = 1;
      count++;
    }
    if (count === 0) continue;
    const overlap = count > 1 ? 1 : 0;
    covered++;
    overlapRows += overlap;
    conflictRows += conflict;
    // -2 never equals a vote, so without gold nothing counts as correct.
    const truth = y === null ? -2 : y[i];
    for (let j = 0; j < m; j++) {
      const v = votes[base + j];
      if (v === NO_VOTE) continue;
      labeled[j]++;
      overlapped[j] += overlap;
      conflicted[j] += conflict;
      seen[j * SLOTS + v] = 1;
      if (v === truth) correct[j]++;
    }
  }
  const frac = (count: number) => (n === 0 ? null : count / n);
  const lfs = Array.from({ length: m }, (_, j): LfStats => {
    const polarity: number[] = [];
    for (let label = 0; label < SLOTS; label++) if (seen[j * SLOTS + label]) polarity.push(label);
    return {
      polarity,
      coverage: frac(labeled[j]),
      overlaps: frac(overlapped[j]),
      conflicts: frac(conflicted[j]),
      labeled: labeled[j],
      overlapped: overlapped[j],
      conflicted: conflicted[j],
      correct: y === null ? null : correct[j],
      incorrect: y === null ? null : labeled[j] - correct[j],
      empiricalAccuracy: y === null || labeled[j] === 0 ? null : correct[j] / labeled[j],
    };
  });
  return { n, m, labelCoverage: frac(covered), labelOverlap: frac(overlapRows), labelConflict: frac(conflictRows), lfs };
}

function compact(matrix: LabelMatrixInput): LabelMatrix {
  if (!isLabelMatrix(matrix)) return toLabelMatrix(matrix);
  checkLabelMatrixShape(matrix);
  return matrix;
}

// Gold must be a real label for every item: Snorkel's Correct/Incorrect (sklearn confusion_matrix(...)[1:, 1:])
// skip items whose gold is -1 while its Emp. Acc. counts them as wrong, so an unknown gold has no single meaning.
function checkGold(gold: ArrayLike<number>, n: number): ArrayLike<number> {
  if (gold.length !== n) throw new LfAnalysisError(Code.InvalidGold, `gold has ${gold.length} labels for ${n} items`);
  for (let i = 0; i < n; i++) {
    const g = gold[i];
    if (!Number.isInteger(g) || g < 0) throw new LfAnalysisError(Code.InvalidGold, `gold[${i}] = ${String(g)} is not a label >= 0`);
  }
  return gold;
}
