// Population stability index of a categorical mix (e.g. the predicted-class shares of production traffic against
// the training labels): PSI = Σ_c (cur_c − ref_c) · ln(cur_c / ref_c) over the categories' shares, a share of 0 set
// to PSI_EMPTY_BIN_SHARE as in the numeric psi. The categories are the bins, so no quantile edges are needed.
import { DriftError, DriftErrorCode } from './drift.error';
import { PSI_EMPTY_BIN_SHARE } from './psi';

export interface CategoricalPsiResult {
  psi: number;
  referenceShares: number[];
  currentShares: number[];
}

/** `reference[c]` and `current[c]` are counts of category c (equal lengths, each with a positive total). */
export function categoricalPsi(reference: ArrayLike<number>, current: ArrayLike<number>): CategoricalPsiResult {
  if (reference.length !== current.length) {
    throw new DriftError(DriftErrorCode.InvalidBins, 'current', `current has ${current.length} categories and reference ${reference.length}`);
  }
  const referenceShares = shares(reference, 'reference');
  const currentShares = shares(current, 'current');
  let total = 0;
  for (let c = 0; c < referenceShares.length; c++) total += (currentShares[c] - referenceShares[c]) * Math.log(currentShares[c] / referenceShares[c]);
  return { psi: total, referenceShares, currentShares };
}

function shares(counts: ArrayLike<number>, path: string): number[] {
  let sum = 0;
  for (let c = 0; c < counts.length; c++) {
    const n = counts[c];
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
      throw new DriftError(DriftErrorCode.NotFinite, `${path}[${c}]`, `${path}[${c}] must be a non-negative count`);
    }
    sum += n;
  }
  if (sum === 0) throw new DriftError(DriftErrorCode.EmptySample, path, `${path} has no counts`);
  return Array.from(counts, (n) => (n === 0 ? PSI_EMPTY_BIN_SHARE : n / sum));
}
