import type { ModelMonitoring, PolicyEvaluationView } from '@arbiter/contracts';
import type { LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import { costCurveOption, costCurvePointCount, DIAGONAL, reliabilityOption } from './routing-chart-options';

const cost = (total: number, routed: number, rows = 10) => ({ total, mean: total / rows, routed, routedShare: routed / rows });
// A held-out half of 10 predictions, shaped like a proposal's evaluation (values chosen by hand, not computed).
const EVALUATION: PolicyEvaluationView = {
  rows: 10,
  routeAll: cost(3, 10),
  routeNone: cost(5, 0),
  fixedThreshold: { ...cost(2.6, 4), threshold: 0.5 },
  bestThreshold: { ...cost(1.9, 3), threshold: 0.7 },
  atReviewCost: cost(2.1, 5),
  learned: { ...cost(2, 4), temperature: 1.4, reviewPrice: 0.25 },
  curves: {
    threshold: [
      { ...cost(5, 0), threshold: 0 },
      { ...cost(1.9, 3), threshold: 0.7 },
      { ...cost(2.6, 4), threshold: 0.5 },
      { ...cost(3, 10), threshold: null },
    ],
    price: [
      { ...cost(3, 10), threshold: 0 },
      { ...cost(5, 0), threshold: 0.9 },
    ],
  },
};

describe('costCurveOption', () => {
  const option = costCurveOption(EVALUATION);
  const series = option.series as (LineSeriesOption | ScatterSeriesOption)[];

  it('draws the threshold sweep as a line through the proposal’s own curve, by share routed', () => {
    const threshold = series.find((s) => s.name === 'Confidence-threshold sweep') as LineSeriesOption;
    expect(threshold.type).toBe('line');
    expect(threshold.data).toEqual([
      [0, 5],
      [0.3, 1.9],
      [0.4, 2.6],
      [1, 3],
    ]);
    expect((series.find((s) => s.name === 'Price sweep (calibrated)') as LineSeriesOption).data).toEqual([
      [0, 5],
      [1, 3],
    ]);
  });

  it('marks each priced policy as a labelled point at its share routed and total cost', () => {
    const points = series.filter((s) => s.type === 'scatter').map((s) => [s.name, s.data]);
    expect(points).toEqual([
      ['Learned policy (price 0.250, T 1.40)', [[0.4, 2]]],
      ['At the review cost', [[0.5, 2.1]]],
      ['Route all', [[1, 3]]],
      ['Route none', [[0, 5]]],
      ['Fixed threshold (confidence < 0.500)', [[0.4, 2.6]]],
      ['Best fixed threshold in hindsight (confidence < 0.700)', [[0.3, 1.9]]],
    ]);
    expect(costCurvePointCount(EVALUATION)).toBe(4 + 2 + 6);
  });

  it('tells a screen reader each policy’s cost and share', () => {
    expect((option.aria as { label: { description: string } }).label.description).toContain('Route none: total 5.00 at 0.0% routed');
  });
});

describe('reliabilityOption', () => {
  const bin = (i: number, count: number, confidence: number | null, accuracy: number | null) => ({ lower: i / 4, upper: (i + 1) / 4, count, confidence, accuracy });
  const calibration: ModelMonitoring['calibration'] = {
    ece: 0.1,
    bins: [bin(0, 0, null, null), bin(1, 2, 0.4, 0.5), bin(2, 0, null, null), bin(3, 8, 0.9, 0.75)],
  };
  const series = reliabilityOption(calibration).series as LineSeriesOption[];
  const named = (name: string) => series.find((s) => s.name === name);

  it('plots accuracy against mean confidence for the bins that hold reviews, over the diagonal', () => {
    expect(named('Accuracy per bin')?.data).toEqual([
      [0.4, 0.5],
      [0.9, 0.75],
    ]);
    expect(named('Perfect calibration')?.data).toEqual(DIAGONAL);
    expect(DIAGONAL).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('shows every bin’s count as a bar at its centre, on the second axis', () => {
    const bars = named('Reviewed per bin') as unknown as { type: string; yAxisIndex: number; data: unknown };
    expect([bars.type, bars.yAxisIndex]).toEqual(['bar', 1]);
    expect(bars.data).toEqual([
      [0.125, 0],
      [0.375, 2],
      [0.625, 0],
      [0.875, 8],
    ]);
  });
});
