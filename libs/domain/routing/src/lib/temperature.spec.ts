import { calibrateProbs, fitTemperature, logitsFromProbs } from './temperature';
import { loadFixture, routingErrorOf } from './fixtures.testing';
import { RoutingErrorCode } from './routing.error';

interface TemperatureCase {
  name: string;
  kind: 'logits' | 'probs';
  logits?: number[][];
  probs?: number[][];
  labels: number[];
  temperature: number;
  nllBefore: number;
  nllAfter: number;
}

const { temperature: cases } = loadFixture<{ temperature: TemperatureCase[] }>('calibration-scipy.json');

describe('fitTemperature (against scipy minimize_scalar, bounded on [0.05, 20])', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const logits = c.kind === 'logits' ? c.logits! : c.probs!.map(logitsFromProbs);
    const fit = fitTemperature({ logits, labels: c.labels });
    // T is pinned only as well as the NLL can tell neighbours apart (~1e-8 relative); the NLLs agree tighter.
    expect(Math.abs(fit.temperature / c.temperature - 1)).toBeLessThan(1e-6);
    expect(fit.nllBefore).toBeCloseTo(c.nllBefore, 12);
    const atBound = Math.abs(c.temperature / 0.05 - 1) < 1e-6 || Math.abs(c.temperature / 20 - 1) < 1e-6;
    if (atBound) {
      // scipy's bounded Brent stops ~1e-8 inside the bound (19.9999995); the search here lands nearer the bound,
      // so its NLL is at least as low as scipy's, and close.
      expect(fit.nllAfter).toBeLessThanOrEqual(c.nllAfter + 1e-15);
      expect(fit.nllAfter).toBeCloseTo(c.nllAfter, 8);
    } else {
      expect(fit.nllAfter).toBeCloseTo(c.nllAfter, 12);
    }
  }, 10_000);

  it('takes row-major typed arrays with numClasses and finds the same temperature', () => {
    const c = cases[0];
    const fit = fitTemperature({ logits: Float64Array.from(c.logits!.flat()), numClasses: 3, labels: c.labels });
    expect(fit).toEqual(fitTemperature({ logits: c.logits!, labels: c.labels }));
  }, 10_000);

  it('is T = 1 with no rows', () => {
    expect(fitTemperature({ logits: [], labels: [] })).toEqual({ temperature: 1, nllBefore: 0, nllAfter: 0 });
  }, 10_000);

  it.each([
    ['ragged rows', { logits: [[1, 2], [1]], labels: [0, 1] }, RoutingErrorCode.InvalidShape, 'logits[1]'],
    ['a row count unlike the labels', { logits: [[1, 2]], labels: [0, 1] }, RoutingErrorCode.InvalidShape, 'logits'],
    ['a NaN logit', { logits: [[1, NaN]], labels: [0] }, RoutingErrorCode.NotFinite, 'logits[0][1]'],
    ['a label out of range', { logits: [[1, 2]], labels: [2] }, RoutingErrorCode.InvalidLabel, 'labels[0]'],
    ['a flat array of the wrong length', { logits: [1, 2, 3], numClasses: 2, labels: [0, 1] }, RoutingErrorCode.InvalidShape, 'logits'],
  ])('rejects %s', (_name, input, code, path) => {
    expect(routingErrorOf(() => fitTemperature(input))).toEqual([code, path]);
  }, 10_000);
});

describe('calibrateProbs: softmax(ln p / T)', () => {
  it('raises each probability to 1/T and renormalises, worked by hand', () => {
    // T = 0.5: p² normalised. (0.5, 0.25, 0.25) → (0.25, 0.0625, 0.0625) / 0.375 = (2/3, 1/6, 1/6).
    const out = calibrateProbs([0.5, 0.25, 0.25], 0.5);
    [2 / 3, 1 / 6, 1 / 6].forEach((p, i) => expect(out[i]).toBeCloseTo(p, 14));
    // T = 2: √p normalised; the order of classes never changes.
    const hot = calibrateProbs([0.64, 0.36], 2);
    expect(hot[0]).toBeCloseTo(0.8 / 1.4, 14);
  }, 10_000);

  it('adds a class bias after the 1/T scaling, worked by hand', () => {
    // (0.5, 0.5) with b = (ln 3, 0): weights 3 · 0.5 and 0.5 → (0.75, 0.25); at T = 0.5 first squared: the same.
    [1, 0.5].forEach((t) => calibrateProbs([0.5, 0.5], t, 'probs', [Math.log(3), 0]).forEach((p, i) => expect(p).toBeCloseTo([0.75, 0.25][i], 14)));
    // (0.8, 0.2) at T = 1 with b = (0, ln 4): 0.8 against 0.8 → (0.5, 0.5).
    calibrateProbs([0.8, 0.2], 1, 'probs', [0, Math.log(4)]).forEach((p) => expect(p).toBeCloseTo(0.5, 14));
  }, 10_000);

  it('returns the probabilities as sent at T = 1, zeros included', () => {
    expect(calibrateProbs([0, 0.999, 0], 1)).toEqual([0, 0.999, 0]);
  }, 10_000);
});
