import { labelsToReachByStrategy } from './replay-run.service';

// Full-data accuracy 0.8: 95% of it is 0.76, 98% is 0.784; counts between measured points are interpolated.
const run = (strategy: string, seed: number, points: [number, number][]) => ({
  strategy,
  seed,
  fullAccuracy: 0.8,
  points: points.map(([labels, accuracy]) => ({ labels, accuracy })),
});

describe('labelsToReachByStrategy', () => {
  it('averages the labels each seed needed, by hand: (26 + 18.89) / 2 and (28.4 + 22) / 2', () => {
    const out = labelsToReachByStrategy([
      run('margin', 1, [[10, 0.5], [20, 0.7], [30, 0.8]]),
      run('margin', 2, [[10, 0.6], [20, 0.78], [30, 0.8]]),
    ]);
    expect(out.margin.p95).toBeCloseTo((26 + (10 + (0.16 / 0.18) * 10)) / 2, 9);
    expect(out.margin.p98).toBeCloseTo((28.4 + 22) / 2, 9);
  });

  it('is null for a target some seed never reached, per strategy', () => {
    const out = labelsToReachByStrategy([
      run('random', 1, [[10, 0.5], [20, 0.7], [30, 0.8]]),
      run('random', 2, [[10, 0.6], [20, 0.77], [30, 0.78]]),
      run('entropy', 1, [[10, 0.8], [20, 0.8]]),
    ]);
    expect(out.random.p95).toBeCloseTo((26 + (10 + (0.16 / 0.17) * 10)) / 2, 9);
    expect(out.random.p98).toBeNull();
    expect(out.entropy).toEqual({ p95: 10, p98: 10 });
  });
});
