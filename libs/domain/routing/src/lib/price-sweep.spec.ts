import { cheapestPriceCut, priceCuts, pricedRows } from './price-sweep';
import { loadFixture } from './fixtures.testing';
import type { EvaluatePoliciesInput } from './evaluate-policies';

const { cases } = loadFixture<{ cases: (EvaluatePoliciesInput & { name: string })[] }>('policy-evaluation-hand.json');
const [coinFlip, asymmetric, , tie] = cases;
const cheapest = (c: EvaluatePoliciesInput) =>
  cheapestPriceCut(priceCuts(pricedRows(c.predictions, c.costMatrix, 1), c.reviewCost), c.reviewCost);

describe('the learned price (cheapestPriceCut over priceCuts), on the hand-worked cases', () => {
  it('picks the cut with the lowest total and names its interval’s midpoint', () => {
    // Coin flip: totals 3, 2.25, 1.75, 1.25, 1.5 → routing all but A, any price in [.125, .25) → .1875.
    expect(cheapest(coinFlip)).toMatchObject({ price: 0.1875, total: 1.25, routed: 5 });
    // Missing a true 1 costs 4: totals 5, 4.5, 1.5, 2 → route A, B, C, any price in [.25, .5) → .375.
    expect(cheapest(asymmetric)).toMatchObject({ price: 0.375, total: 1.5, routed: 3 });
  }, 10_000);

  it('breaks a tie of totals toward the price nearest the review cost', () => {
    // Totals 1 (route none, price .5 = the review cost), 1.5, 1 (route all, price .125): the review cost wins.
    expect(cheapest(tie)).toMatchObject({ price: 0.5, total: 1, routed: 0 });
    // The same tie with a review cost of .125 for the comparison's tie-break alone goes the other way.
    const cuts = priceCuts(pricedRows(tie.predictions, tie.costMatrix, 1), tie.reviewCost);
    expect(cheapestPriceCut(cuts, 0.125)).toMatchObject({ price: 0.125, routed: 2 });
  }, 10_000);
});
