// Whether the re-fit may trust the review price it learned, or should keep the review cost (the price a perfectly
// calibrated model needs). The price that is cheapest on the fit part is chosen on those very rows, so its saving
// there is optimistic: on replayed real data it routed 76% of agnews under a ×10 cost on one class (rare costly
// errors it had seen) and cost more held out than the review cost did. So the saving is measured out of fold:
//
//   1. The fit part's rows go to PRICE_CHECK_FOLDS folds by MurmurHash3(id, seed ^ FOLD_SEED_SALT) mod the folds
//      (by id, so the order rows arrive in changes nothing).
//   2. For each fold, the price is learned (cheapestPriceCut) on the other folds, and each row of the fold gets
//      d = its cost routed at the review cost − its cost routed at that price (positive: the learned price saved).
//   3. With n rows, mean d̄ and sample standard deviation s of every row's d: the price learned on the whole fit
//      part is adopted only when d̄ > 0 and d̄ > PRICE_CHECK_STANDARD_ERRORS · s / √n; else reviewPrice = reviewCost.
//
// The temperature and class bias are fitted once on the whole fit part (k numbers, which one fold's rows hardly
// move). Nothing is tuned per data set: 5 folds and 2 standard errors are the textbook defaults (a one-sided test
// near 2.3%).
import { murmurHash3x86_32 } from '@arbiter/util/hash';
import type { SweepRow } from './cost-sweep';
import { cheapestPriceCut, priceCuts } from './price-sweep';

export const PRICE_CHECK_FOLDS = 5;
export const PRICE_CHECK_STANDARD_ERRORS = 2;
/** Makes the fold hash independent of the held-out split, which hashes the same ids with the seed itself. */
const FOLD_SEED_SALT = 0x9e3779b9;

export interface PriceCheck {
  /** The price cheapest on the whole fit part. */
  learnedPrice: number;
  /** The mean out-of-fold saving per row of the fold-learned prices over the review cost (d̄), and its s / √n. */
  meanSaving: number;
  standardError: number;
  /** Whether learnedPrice became reviewPrice; if not, reviewPrice is the review cost. */
  adopted: boolean;
  /** The price the policy gets. */
  price: number;
}

export interface PriceCheckInput {
  /** The fit part as pricedRows makes it (under the fitted temperature), with each row's prediction id. */
  rows: readonly (SweepRow & { id: string })[];
  reviewCost: number;
  seed: number;
}

export function checkLearnedPrice({ rows, reviewCost, seed }: PriceCheckInput): PriceCheck {
  const learnedPrice = cheapestPriceCut(priceCuts(rows, reviewCost), reviewCost).price;
  const folds = rows.map((r) => murmurHash3x86_32(r.id, (seed ^ FOLD_SEED_SALT) >>> 0) % PRICE_CHECK_FOLDS);
  const savings: number[] = [];
  for (let f = 0; f < PRICE_CHECK_FOLDS; f++) {
    const rest = rows.filter((_, i) => folds[i] !== f);
    if (rest.length === rows.length) continue; // an empty fold has nothing to score
    // A fold holding every row leaves nothing to learn on: the review cost is all it can offer, saving 0.
    const price = rest.length === 0 ? reviewCost : cheapestPriceCut(priceCuts(rest, reviewCost), reviewCost).price;
    rows.forEach((r, i) => {
      if (folds[i] === f) savings.push(costAt(r, reviewCost, reviewCost) - costAt(r, reviewCost, price));
    });
  }
  const n = savings.length;
  const meanSaving = savings.reduce((s, d) => s + d, 0) / n;
  const variance = n > 1 ? savings.reduce((s, d) => s + (d - meanSaving) ** 2, 0) / (n - 1) : 0;
  const standardError = Math.sqrt(variance / n);
  const adopted = meanSaving > 0 && meanSaving > PRICE_CHECK_STANDARD_ERRORS * standardError;
  return { learnedPrice, meanSaving, standardError, adopted, price: adopted ? learnedPrice : reviewCost };
}

/** A row's cost when the expected-cost test routes above `price` (decide's rule). */
function costAt(row: SweepRow, reviewCost: number, price: number): number {
  return row.key > price ? reviewCost : row.actCost;
}
