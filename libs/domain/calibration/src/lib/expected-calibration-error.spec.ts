import { calibrationBin, expectedCalibrationError } from './expected-calibration-error';

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

  it('keeps a confidence one ulp above an edge out of the bin that edge closes', () => {
    // M = 6, edge 4/6. Row 0: confidence 4/6 + 1 ulp, right → bin 4 alone: |1 − 0.667| = 1/3. Row 1: confidence
    // exactly 4/6, wrong → bin 3 alone: |0 − 0.667| = 2/3. ECE = (1/3 + 2/3) / 2 = 0.5. Pooling both rows in bin 3
    // (6p rounds onto 4 for the first) would give |0.5 − 0.667| = 1/6.
    const above = 4 / 6 + Math.pow(2, -53);
    const probs = [above, 1 - above, 4 / 6, 2 / 6];
    expect(expectedCalibrationError({ probs, numClasses: 2, labels: [0, 1], bins: 6 })).toBeCloseTo(0.5, 12);
  }, 10_000);

  it('is 0 for no rows rather than NaN', () => {
    expect(expectedCalibrationError({ probs: [], numClasses: 3, labels: [] })).toBe(0);
  }, 10_000);
});

describe('calibrationBin: (b/M, (b+1)/M], closed on the right', () => {
  const ulpAbove = (x: number) => x + Math.pow(2, Math.floor(Math.log2(x)) - 52);

  it('puts every edge b/M in the bin it closes and the next double above it in the next bin (M = 1…100)', () => {
    const misplaced: string[] = [];
    for (let m = 1; m <= 100; m++) {
      for (let b = 1; b <= m; b++) {
        const edge = b / m;
        if (calibrationBin(edge, m) !== b - 1) misplaced.push(`${b}/${m}`);
        if (b < m && calibrationBin(ulpAbove(edge), m) !== b) misplaced.push(`${b}/${m} + 1 ulp`);
      }
    }
    // Among others 1/3 + 1 ulp with M = 3: 3·p rounds to 1, and ceil(3p) − 1 = 0 would misplace it.
    expect(misplaced).toEqual([]);
  }, 10_000);

  it('gives a confidence of 0 the first bin and 1 the last', () => {
    expect(calibrationBin(0, 15)).toBe(0);
    expect(calibrationBin(1, 15)).toBe(14);
  }, 10_000);
});
