import { accuracyAt, compareToRandom, type CurveRun, labelsToReach, summariseCurves } from './learning-curve';

const curve = (...pairs: [number, number][]) => pairs.map(([labels, accuracy]) => ({ labels, accuracy }));

describe('labelsToReach', () => {
  const rising = curve([10, 0.5], [30, 0.7], [50, 0.9]);

  it('interpolates linearly between the last point below the target and the first at or above it', () => {
    // 0.8 lies between (30, 0.7) and (50, 0.9): 30 + (0.8 - 0.7) / (0.9 - 0.7) × 20 = 30 + 0.5 × 20 = 40
    expect(labelsToReach({ points: rising, target: 0.8 })).toBeCloseTo(40, 9);
    // 0.75: 30 + 0.05 / 0.2 × 20 = 35
    expect(labelsToReach({ points: rising, target: 0.75 })).toBeCloseTo(35, 9);
  }, 10_000);

  it('returns a measured point exactly when the curve hits the target there', () => {
    // (0.7 - 0.5) / (0.7 - 0.5) = 1: all the way to the second point
    expect(labelsToReach({ points: rising, target: 0.7 })).toBe(30);
  }, 10_000);

  it('takes the first of tied points on a plateau at the target', () => {
    expect(labelsToReach({ points: curve([10, 0.6], [20, 0.8], [30, 0.8], [40, 0.9]), target: 0.8 })).toBe(20);
  }, 10_000);

  it('counts the first crossing even when a later point dips below the target', () => {
    // (10, 0.5) → (20, 0.85): 10 + (0.8 - 0.5) / 0.35 × 10 = 10 + 8.5714… = 18.5714…
    expect(labelsToReach({ points: curve([10, 0.5], [20, 0.85], [30, 0.7], [40, 0.9]), target: 0.8 })).toBeCloseTo(18.571428571, 8);
  }, 10_000);

  it('does not extrapolate below the first point when that point already reaches the target', () => {
    expect(labelsToReach({ points: curve([16, 0.9], [66, 0.95]), target: 0.8 })).toBe(16);
  }, 10_000);

  it('returns null when the target is never reached, and for an empty curve', () => {
    expect(labelsToReach({ points: rising, target: 0.91 })).toBeNull();
    expect(labelsToReach({ points: [], target: 0.5 })).toBeNull();
  }, 10_000);

  it('counts an exact hit as reached despite rounding in fraction × full accuracy', () => {
    // 0.98 × 0.92 is 0.9016000000000001 in binary floating point; a measured 0.9016 must still count
    expect(0.98 * 0.92).toBeGreaterThan(0.9016);
    expect(labelsToReach({ points: curve([10, 0.5], [20, 0.9016]), target: 0.98 * 0.92 })).toBe(20);
  }, 10_000);

  it('rejects points that are not in strictly increasing labels', () => {
    expect(() => labelsToReach({ points: curve([20, 0.5], [10, 0.9]), target: 0.8 })).toThrow(RangeError);
    expect(() => labelsToReach({ points: curve([10, 0.5], [10, 0.9]), target: 0.8 })).toThrow(RangeError);
  }, 10_000);
});

describe('accuracyAt', () => {
  it('interpolates inside the measured range and returns null outside it', () => {
    const points = curve([16, 0.4], [66, 0.6]);
    // 16 + 34 = 50: 0.4 + 34 / 50 × 0.2 = 0.536
    expect(accuracyAt({ points, labels: 50 })).toBeCloseTo(0.536, 12);
    expect(accuracyAt({ points, labels: 16 })).toBe(0.4);
    expect(accuracyAt({ points, labels: 66 })).toBe(0.6);
    expect(accuracyAt({ points, labels: 10 })).toBeNull();
    expect(accuracyAt({ points, labels: 100 })).toBeNull();
  }, 10_000);
});

describe('summariseCurves', () => {
  // Three seeds on one schedule; full-data accuracy differs per seed, so each has its own targets.
  const runs: CurveRun[] = [
    { seed: 1, fullAccuracy: 0.9, points: curve([10, 0.5], [20, 0.8], [30, 0.88]) },
    { seed: 2, fullAccuracy: 0.8, points: curve([10, 0.6], [20, 0.7], [30, 0.78]) },
    { seed: 3, fullAccuracy: 1.0, points: curve([10, 0.4], [20, 0.6], [30, 0.9]) },
  ];

  it('gives the mean and min–max band of accuracy at each label count', () => {
    const { curve: band, fullAccuracy, seeds } = summariseCurves({ runs });
    expect(seeds).toEqual([1, 2, 3]);
    expect(band.map((p) => p.labels)).toEqual([10, 20, 30]);
    // 10: (0.5 + 0.6 + 0.4) / 3 = 0.5; 20: (0.8 + 0.7 + 0.6) / 3 = 0.7; 30: (0.88 + 0.78 + 0.9) / 3 = 0.85333…
    expect(band.map((p) => p.mean)).toEqual([expect.closeTo(0.5, 12), expect.closeTo(0.7, 12), expect.closeTo(2.56 / 3, 12)]);
    expect(band.map((p) => [p.min, p.max])).toEqual([[0.4, 0.6], [0.6, 0.8], [0.78, 0.9]]);
    expect(band.every((p) => p.runs === 3)).toBe(true);
    // (0.9 + 0.8 + 1.0) / 3 = 0.9
    expect(fullAccuracy).toEqual({ mean: expect.closeTo(0.9, 12), min: 0.8, max: 1.0 });
  }, 10_000);

  it('measures labels to 95% and 98% of each run’s own full accuracy and counts runs that never get there', () => {
    const [at95, at98] = summariseCurves({ runs }).reach;
    // seed 1: target 0.95 × 0.9 = 0.855, between (20, 0.8) and (30, 0.88): 20 + 0.055 / 0.08 × 10 = 26.875
    // seed 2: target 0.95 × 0.8 = 0.76, between (20, 0.7) and (30, 0.78): 20 + 0.06 / 0.08 × 10 = 27.5
    // seed 3: target 0.95, best 0.9: never reached; mean over the two that did = (26.875 + 27.5) / 2 = 27.1875
    expect(at95.bySeed).toEqual([
      { seed: 1, labels: expect.closeTo(26.875, 9) },
      { seed: 2, labels: expect.closeTo(27.5, 9) },
      { seed: 3, labels: null },
    ]);
    expect([at95.reached, at95.runs]).toEqual([2, 3]);
    expect(at95.meanLabels).toBeCloseTo(27.1875, 9);
    // 98%: 0.882 > 0.88, 0.784 > 0.78, 0.98 > 0.9: no seed reaches it
    expect([at98.fraction, at98.reached, at98.runs, at98.meanLabels]).toEqual([0.98, 0, 3, null]);
  }, 10_000);

  it('interpolates runs on different schedules onto the union of label counts and drops them past their end', () => {
    const { curve: band } = summariseCurves({
      runs: [
        { seed: 1, fullAccuracy: 1, points: curve([10, 0.5], [30, 0.7]) },
        { seed: 2, fullAccuracy: 1, points: curve([10, 0.6], [20, 0.7], [40, 0.9]) },
      ],
    });
    // 20: seed 1 interpolated to 0.6, seed 2 0.7 → 0.65; 30: 0.7 and seed 2 interpolated to 0.8 → 0.75; 40: seed 2 only
    expect(band.map((p) => [p.labels, p.runs])).toEqual([[10, 2], [20, 2], [30, 2], [40, 1]]);
    expect(band.map((p) => p.mean)).toEqual([expect.closeTo(0.55, 12), expect.closeTo(0.65, 12), expect.closeTo(0.75, 12), expect.closeTo(0.9, 12)]);
  }, 10_000);

  it('rejects no runs and two runs with the same seed', () => {
    expect(() => summariseCurves({ runs: [] })).toThrow(RangeError);
    expect(() => summariseCurves({ runs: [runs[0], { ...runs[1], seed: 1 }] })).toThrow(/share a seed/);
  }, 10_000);
});

describe('compareToRandom', () => {
  // Full accuracy 1, so the 95% target is 0.95 and each run reaches it exactly at its second point.
  const reachingAt = (seed: number, labels: number): CurveRun => ({ seed, fullAccuracy: 1, points: curve([10, 0.5], [labels, 0.95]) });
  const never = (seed: number): CurveRun => ({ seed, fullAccuracy: 1, points: curve([10, 0.5], [500, 0.9]) });

  it('divides the mean labels of the strategy by random’s over the seeds both reached the target on', () => {
    const result = compareToRandom({
      runs: [reachingAt(1, 40), reachingAt(2, 60), never(3)],
      randomRuns: [reachingAt(1, 100), reachingAt(2, 80), reachingAt(3, 120), reachingAt(4, 30)],
      fraction: 0.95,
    });
    // seeds 1 and 2: (40 + 60) / 2 = 50 against (100 + 80) / 2 = 90 → 5/9; seed 3 (random only) and seed 4 (no pair) left out
    expect(result).toEqual({
      fraction: 0.95,
      commonSeeds: 3,
      strategyReached: 2,
      randomReached: 3,
      seeds: [1, 2],
      strategyMean: 50,
      randomMean: 90,
      ratio: expect.closeTo(5 / 9, 12),
    });
  }, 10_000);

  it('gives no ratio when no seed was reached by both', () => {
    const result = compareToRandom({ runs: [never(1)], randomRuns: [reachingAt(1, 100)], fraction: 0.95 });
    expect([result.strategyMean, result.randomMean, result.ratio, result.randomReached]).toEqual([null, null, null, 1]);
  }, 10_000);
});
