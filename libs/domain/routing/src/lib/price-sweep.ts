// The review price as a learned threshold: route a prediction when its cheapest expected cost (from calibrated
// probabilities) is above the price. Every cut of the rows sorted by that cost is one candidate price; this module
// turns cuts into prices and picks the cheapest on reviewed data.
import { decide } from './decide';
import { cheaper, sweepCuts, type SweepCut, type SweepRow } from './cost-sweep';
import { calibrateProbs } from './temperature';
import { RoutingError, RoutingErrorCode } from './routing.error';

/** A prediction a reviewer has seen: the model's probabilities as sent and the true class from the verdict. */
export interface ReviewedOutcome {
  probs: ArrayLike<number>;
  label: number;
}


export interface PriceCut extends SweepCut {
  /** A price that makes this cut: routes exactly the rows whose min expected cost is above it. */
  price: number;
}

/**
 * The rows as the expected-cost test sees them under a temperature (and class bias): key = min_j expectedCosts[j] from the
 * calibrated probabilities (routed when above the price), actCost = costMatrix[true][decide's label].
 */
export function pricedRows(
  outcomes: readonly ReviewedOutcome[],
  costMatrix: readonly (readonly number[])[],
  temperature: number,
  path = 'predictions',
  classBias?: readonly number[],
): SweepRow[] {
  const k = costMatrix.length;
  return outcomes.map(({ probs, label }, i) => {
    if (probs?.length !== k) {
      throw new RoutingError(RoutingErrorCode.InvalidShape, `${path}[${i}].probs`, `${path}[${i}].probs must hold ${k} probabilities`);
    }
    if (!Number.isInteger(label) || label < 0 || label >= k) {
      throw new RoutingError(RoutingErrorCode.InvalidLabel, `${path}[${i}].label`, `${path}[${i}].label must be a class in 0..${k - 1}`);
    }
    const calibrated = calibrateProbs(probs, temperature, `${path}[${i}].probs`, classBias);
    const d = decide({ probs: calibrated, costMatrix, reviewCost: Infinity });
    return { key: d.expectedCosts[d.label], actCost: costMatrix[label][d.label] };
  });
}

/**
 * Every distinct routing of the rows a non-negative price can make, each with its price. A cut routing the rows
 * with min expected cost ≥ a and acting on those ≤ b (b < a) is made by any price in [b, a); the one named is
 * the review cost when it lies in that interval (the price a perfectly calibrated model would use, kept when the
 * data cannot tell it from its neighbours), else the interval's midpoint (the highest interval: b itself; the
 * lowest: a / 2). A cut that would route rows with min expected cost 0 has no non-negative price and is left out.
 */
export function priceCuts(rows: readonly SweepRow[], reviewCost: number): PriceCut[] {
  const cuts = sweepCuts(rows, reviewCost);
  const out: PriceCut[] = [];
  for (const cut of cuts) {
    const above = cut.lastRoutedKey; // the price must be below this
    const atLeast = cut.nextKey ?? 0; // and at least this
    if (above !== undefined && above <= atLeast) continue;
    let price: number;
    if (reviewCost >= atLeast && (above === undefined || reviewCost < above)) price = reviewCost;
    else if (above === undefined) price = atLeast;
    else {
      price = (atLeast + above) / 2;
      if (price >= above) price = atLeast; // adjacent doubles: the midpoint rounds up onto `above`
    }
    out.push({ ...cut, price });
  }
  return out;
}

/** The cut with the lowest total; ties go to the price nearest the review cost, then the lower price. */
export function cheapestPriceCut(cuts: readonly PriceCut[], reviewCost: number): PriceCut {
  let best = cuts[0];
  for (const cut of cuts.slice(1)) {
    if (cheaper(cut.total, best.total)) best = cut;
    else if (!cheaper(best.total, cut.total)) {
      const d = Math.abs(cut.price - reviewCost) - Math.abs(best.price - reviewCost);
      if (d < 0 || (d === 0 && cut.price < best.price)) best = cut;
    }
  }
  return best;
}
