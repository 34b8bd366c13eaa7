import { expectedCalibrationError } from './expected-calibration-error';

describe('expectedCalibrationError (Guo et al. 2017, 15 equal-width bins on (b/M, (b+1)/M])', () => {
  it('weighs each bin’s |accuracy − confidence| by its share of rows, worked by hand', () => {
    // Confidences 0.9, 0.9, 0.6, 0.6, 0.55 (binary rows). Bins of width 1/15: 0.9 → bin 13 (0.8667, 0.9333],
    // 0.6 → bin 8 (0.5333, 0.6], 0.55 → bin 8 as well.
    // Bin 13: rows 0 (right) and 1 (wrong): accuracy 0.5, confidence 0.9, gap 0.4, weight 2/5 → 0.16.
    // Bin 8: rows 2 (right), 3 (right), 4 (wrong): accuracy 2/3, confidence (0.6 + 0.6 + 0.55)/3 = 0.58333,
    // gap 0.08333, weight 3/5 → 0.05. ECE = 0.21.
    const probs = [0.9, 0.1, 0.1, 0.9, 0.6, 0.4, 0.4, 0.6, 0.55, 0.45];
    const labels = [0, 0, 0, 1, 1];
    expect(expectedCalibrationError({ probs, numClasses: 2, labels })).toBeCloseTo(0.21, 12);
  }, 10_000);

  it('is zero when confidence equals accuracy in every bin, and one when every confident answer is wrong', () => {
    // Four rows at confidence 0.75, three of them right: accuracy 0.75 = confidence.
    const calibrated = [0.75, 0.25, 0.75, 0.25, 0.75, 0.25, 0.75, 0.25];
    expect(expectedCalibrationError({ probs: calibrated, numClasses: 2, labels: [0, 0, 0, 1] })).toBeCloseTo(0, 12);
    expect(expectedCalibrationError({ probs: [1, 0, 0, 1], numClasses: 2, labels: [1, 0] })).toBeCloseTo(1, 12);
  }, 10_000);

  it('is 0 for no rows rather than NaN', () => {
    expect(expectedCalibrationError({ probs: [], numClasses: 3, labels: [] })).toBe(0);
  }, 10_000);
});
