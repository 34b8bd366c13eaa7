import { expectedCalibrationError } from './expected-calibration-error';
import { loadFixture, routingErrorOf } from './fixtures.testing';
import { RoutingErrorCode } from './routing.error';

interface EceCase {
  name: string;
  probs: number[][];
  labels: number[];
  bins: number;
  ece: number;
}

const { ece: cases } = loadFixture<{ ece: EceCase[] }>('calibration-scipy.json');

describe('expectedCalibrationError (bins (i/B, (i+1)/B], against numpy)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(expectedCalibrationError({ probs: c.probs, labels: c.labels, bins: c.bins })).toBeCloseTo(c.ece, 12);
  }, 10_000);

  it('takes row-major probabilities with numClasses, and 15 bins by default', () => {
    const c = cases.find((x) => x.bins === 15 && x.probs[0].length === 3)!;
    const flat = Float32Array.from(c.probs.flat());
    // float32 rounding moves a confidence by at most 6e-8: no row of this fixture sits that close to an edge.
    expect(expectedCalibrationError({ probs: flat, numClasses: 3, labels: c.labels })).toBeCloseTo(c.ece, 6);
  }, 10_000);

  it.each([
    ['a row that is not a distribution', { probs: [[0.5, 0.6]], labels: [0] }, RoutingErrorCode.InvalidProbability, 'probs[0]'],
    ['a label out of range', { probs: [[0.5, 0.5]], labels: [-1] }, RoutingErrorCode.InvalidLabel, 'labels[0]'],
    ['zero bins', { probs: [[0.5, 0.5]], labels: [0], bins: 0 }, RoutingErrorCode.InvalidValue, 'bins'],
  ])('rejects %s', (_name, input, code, path) => {
    expect(routingErrorOf(() => expectedCalibrationError(input))).toEqual([code, path]);
  }, 10_000);
});
