// ECharts options for the two charts, built from plain data (no echarts runtime here, so they are unit-testable):
// the project's learning curve (accuracy and macro-F1 per model version against its training labels), and a
// replay's strategies (mean over seeds with a min–max band, dashed lines at 95% and 98% of full-data accuracy).
import type { LearningCurve } from '@arbiter/contracts';
import type { LineSeriesOption } from 'echarts/charts';
import type { AriaComponentOption, GridComponentOption, LegendComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { RANDOM_STRATEGY, type StrategyReplay } from './replay-summary';

export type ChartOption = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption | MarkLineComponentOption>;

// Fixed per strategy (Okabe-Ito, colour-blind safe, as in the benchmark's charts) so a strategy keeps its colour.
export const STRATEGY_COLOURS: Record<string, string> = {
  [RANDOM_STRATEGY]: '#7f7f7f',
  'least-confidence': '#E69F00',
  margin: '#0072B2',
  entropy: '#56B4E9',
  'k-center': '#D55E00',
  'kmeans-pp': '#CC79A7',
  hybrid: '#009E73',
};
const FALLBACK_COLOUR = '#000000';
const METRIC_COLOURS = { accuracy: '#3056d3', macroF1: '#b54708' };

type CurvePoint = LearningCurve['points'][number];
type Metric = 'accuracy' | 'macroF1';

/** One metric's points as [labels, value, model version], in version order, leaving out versions it is undefined for. */
export function metricSeriesData(points: readonly CurvePoint[], metric: Metric): [number, number, number][] {
  return [...points]
    .sort((a, b) => a.modelVersion - b.modelVersion)
    .flatMap((p) => {
      const y = p[metric];
      return y === null ? [] : [[p.labels, y, p.modelVersion] as [number, number, number]];
    });
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The y axis from just under the lowest value (a tenth down) to 1: a curve creeping up from 0.82 stays readable. */
function yFloor(values: readonly number[]): number {
  return values.length === 0 ? 0 : Math.max(0, Math.floor(Math.min(...values) * 10) / 10);
}

const fixed3 = (x: number | null) => (x === null ? 'not measured' : x.toFixed(3));

/** What a screen reader hears for the learning curve (ECharts' own description lists raw floats, unrounded). */
export function learningCurveDescription(points: readonly CurvePoint[]): string {
  const sorted = [...points].sort((a, b) => a.modelVersion - b.modelVersion);
  const each = sorted.map((p) => `model v${p.modelVersion} at ${p.labels.toLocaleString('en-US')} labels: accuracy ${fixed3(p.accuracy)}, macro-F1 ${fixed3(p.macroF1)}`);
  return `Learning curve over ${sorted.length} model version${sorted.length === 1 ? '' : 's'}. ${each.join('; ')}.`;
}

/** The same for a replay: each strategy's mean accuracy at its first and last label count. */
export function replayCurveDescription(strategies: readonly StrategyReplay[]): string {
  const each = strategies.map(({ strategy, summary: { curve } }) => {
    const first = curve[0];
    const last = curve[curve.length - 1];
    return first && last
      ? `${strategy} from ${first.mean.toFixed(3)} at ${first.labels.toLocaleString('en-US')} labels to ${last.mean.toFixed(3)} at ${last.labels.toLocaleString('en-US')}`
      : `${strategy} without points yet`;
  });
  return `Replay learning curves, mean accuracy over seeds: ${each.join('; ')}.`;
}

export function learningCurveOption(points: readonly CurvePoint[]): ChartOption {
  const accuracy = metricSeriesData(points, 'accuracy');
  const macroF1 = metricSeriesData(points, 'macroF1');
  const series = (name: string, data: [number, number, number][], color: string): LineSeriesOption => ({
    type: 'line',
    name,
    data,
    color,
    symbol: 'circle',
    symbolSize: 7,
    encode: { x: 0, y: 1 },
  });
  return {
    animation: false,
    aria: { enabled: true, label: { description: learningCurveDescription(points) } },
    grid: { left: 56, right: 24, top: 36, bottom: 48 },
    legend: { data: ['Accuracy', 'Macro-F1'], top: 0 },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const item = Array.isArray(p) ? p[0] : p;
        const [labels, value, version] = item.value as [number, number, number];
        return `Model v${version} · ${labels.toLocaleString('en-US')} labels<br/>${item.seriesName}: ${round3(value).toFixed(3)}`;
      },
    },
    xAxis: { type: 'value', name: 'training labels', nameLocation: 'middle', nameGap: 28, min: 0 },
    yAxis: { type: 'value', min: yFloor([...accuracy, ...macroF1].map((d) => d[1])), max: 1 },
    series: [series('Accuracy', accuracy, METRIC_COLOURS.accuracy), series('Macro-F1', macroF1, METRIC_COLOURS.macroF1)],
  };
}

function strategySeries({ strategy, summary }: StrategyReplay): LineSeriesOption[] {
  const color = STRATEGY_COLOURS[strategy] ?? FALLBACK_COLOUR;
  const band = `band-${strategy}`;
  const hidden = { symbol: 'none', silent: true, lineStyle: { opacity: 0 }, tooltip: { show: false } } as const;
  const random = strategy === RANDOM_STRATEGY;
  return [
    // The band is two stacked series: the minimum (invisible), then max − min filled down onto it.
    { type: 'line', name: `${strategy} min`, stack: band, data: summary.curve.map((p) => [p.labels, p.min]), ...hidden },
    {
      type: 'line',
      name: `${strategy} min–max`,
      stack: band,
      data: summary.curve.map((p) => [p.labels, p.max - p.min]),
      areaStyle: { color, opacity: random ? 0.2 : 0.12 },
      ...hidden,
    },
    {
      type: 'line',
      name: strategy,
      data: summary.curve.map((p) => [p.labels, p.mean]),
      symbol: 'none',
      color,
      lineStyle: { width: random ? 2.5 : 1.8, color },
      z: random ? 3 : 2,
    },
  ];
}

export function replayCurveOption(strategies: readonly StrategyReplay[], fullAccuracy: number | null): ChartOption {
  const lows = strategies.flatMap((s) => s.summary.curve.map((p) => p.min));
  const names = new Set(strategies.map((s) => s.strategy));
  const references =
    fullAccuracy === null
      ? []
      : [0.95, 0.98].map((f) => ({ name: `${Math.round(f * 100)}% of full-data accuracy (${(f * fullAccuracy).toFixed(3)})`, yAxis: f * fullAccuracy }));
  return {
    animation: false,
    aria: { enabled: true, label: { description: replayCurveDescription(strategies) } },
    grid: { left: 56, right: 24, top: 36, bottom: 48 },
    legend: { data: strategies.map((s) => s.strategy), top: 0 },
    // On the axis, each strategy's mean only: the band's two stacked series hold min and max − min.
    tooltip: {
      trigger: 'axis',
      formatter: (params) => {
        const items = (Array.isArray(params) ? params : [params]).filter((p) => names.has(p.seriesName ?? ''));
        const labels = (items[0]?.value as [number, number] | undefined)?.[0];
        const lines = items.map((p) => `${typeof p.marker === 'string' ? p.marker : ''}${p.seriesName}: ${(p.value as [number, number])[1].toFixed(3)}`);
        return [labels === undefined ? '' : `${labels.toLocaleString('en-US')} labels`, ...lines].join('<br/>');
      },
    },
    xAxis: { type: 'value', name: 'labels', nameLocation: 'middle', nameGap: 28, min: 0 },
    yAxis: { type: 'value', name: 'accuracy', min: yFloor(lows), max: 1 },
    series: [
      ...strategies.flatMap(strategySeries),
      {
        type: 'line',
        name: 'full-data reference',
        data: [],
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#333333', width: 1 },
          label: { formatter: '{b}', position: 'insideStartTop' },
          data: references,
        },
      },
    ],
  };
}
