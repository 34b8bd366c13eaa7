/// <reference types="jest" />
import type { LineSeriesOption } from 'echarts/charts';
import { learningCurveDescription, learningCurveOption, metricSeriesData, replayCurveDescription, replayCurveOption } from './chart-options';
import { summariseReplay } from './replay-summary';

const POINTS = [
  { modelVersion: 2, labels: 100, accuracy: 0.8, macroF1: null, createdAt: '2025-01-01T10:01:00.000Z' },
  { modelVersion: 1, labels: 50, accuracy: 0.71, macroF1: 0.65, createdAt: '2025-01-01T10:00:00.000Z' },
];

const seriesOf = (option: ReturnType<typeof learningCurveOption>) => option.series as LineSeriesOption[];

describe('learning curve option', () => {
  it('plots each metric per model version in version order, leaving out the undefined ones', () => {
    expect(metricSeriesData(POINTS, 'accuracy')).toEqual([
      [50, 0.71, 1],
      [100, 0.8, 2],
    ]);
    expect(metricSeriesData(POINTS, 'macroF1')).toEqual([[50, 0.65, 1]]);
  }, 5_000);

  it('draws accuracy and macro-F1 as two lines with visible points, the y axis floored a tenth under the lowest', () => {
    const option = learningCurveOption(POINTS);
    expect(seriesOf(option).map((s) => [s.name, s.symbol, (s.data as unknown[]).length])).toEqual([
      ['Accuracy', 'circle', 2],
      ['Macro-F1', 'circle', 1],
    ]);
    expect(option.yAxis).toMatchObject({ min: 0.6, max: 1 });
  }, 5_000);

  it('describes every point for screen readers, rounded', () => {
    expect(learningCurveDescription(POINTS)).toBe(
      'Learning curve over 2 model versions. model v1 at 50 labels: accuracy 0.710, macro-F1 0.650; model v2 at 100 labels: accuracy 0.800, macro-F1 not measured.',
    );
  }, 5_000);
});

describe('replay option', () => {
  const strategies = summariseReplay([
    { strategy: 'margin', seed: 1, fullAccuracy: 0.9, points: [{ labels: 10, accuracy: 0.5 }, { labels: 20, accuracy: 0.86 }] },
    { strategy: 'random', seed: 1, fullAccuracy: 0.9, points: [{ labels: 10, accuracy: 0.45 }, { labels: 20, accuracy: 0.7 }] },
  ]);

  it('gives each strategy a hidden minimum, a band stacked on it and its mean line, plus the dashed targets', () => {
    const series = replayCurveOption(strategies, 0.9).series as LineSeriesOption[];
    expect(series.map((s) => s.name)).toEqual(['random min', 'random min–max', 'random', 'margin min', 'margin min–max', 'margin', 'full-data reference']);
    expect(series[1].stack).toBe(series[0].stack);
    expect(series[1].data).toEqual([
      [10, 0],
      [20, 0],
    ]);
    const targets = (series[6].markLine?.data as { yAxis: number }[]).map((d) => d.yAxis);
    expect(targets[0]).toBeCloseTo(0.855, 9);
    expect(targets[1]).toBeCloseTo(0.882, 9);
  }, 5_000);

  it('describes each strategy from its first to its last mean', () => {
    expect(replayCurveDescription(strategies)).toBe(
      'Replay learning curves, mean accuracy over seeds: random from 0.450 at 10 labels to 0.700 at 20; margin from 0.500 at 10 labels to 0.860 at 20.',
    );
  }, 5_000);

  it('has no targets without a full-data accuracy', () => {
    const series = replayCurveOption(strategies, null).series as LineSeriesOption[];
    expect(series[series.length - 1].markLine?.data).toEqual([]);
  }, 5_000);
});
