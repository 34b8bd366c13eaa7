// ECharts options for the routing dashboard, built from plain data (no echarts runtime here, so they are
// unit-testable): a proposal's cost curve (total held-out cost against share routed: the confidence-threshold sweep
// and the price sweep as lines, each policy the re-fit priced as a labelled point) and a model version's reliability
// diagram (accuracy against confidence per bin, the diagonal of perfect calibration, and each bin's count as bars).
import type { ModelMonitoring, PolicyEvaluationView } from '@arbiter/contracts';
import type { BarSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { AriaComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

export type RoutingChartOption = ComposeOption<
  LineSeriesOption | ScatterSeriesOption | BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption
>;

// Okabe-Ito, colour-blind safe, as in the active-learning charts.
const COLOURS = {
  threshold: '#0072B2',
  price: '#56B4E9',
  learned: '#009E73',
  routeAll: '#D55E00',
  routeNone: '#CC79A7',
  fixed: '#E69F00',
  best: '#000000',
  atReviewCost: '#7f7f7f',
  accuracy: '#0072B2',
  count: '#c8d1dc',
};

export interface CostPoint {
  /** What the point is, as the legend and its label say. */
  name: string;
  routedShare: number;
  total: number;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const thresholdText = (t: number | null) => (t === null ? 'route all' : `confidence < ${t.toFixed(3)}`);

/** The policies the re-fit priced on the held-out verdicts, each a point of the cost curve chart. */
export function costCurvePolicies(e: PolicyEvaluationView): CostPoint[] {
  return [
    { name: `Learned policy (price ${e.learned.reviewPrice.toFixed(3)}, T ${e.learned.temperature.toFixed(2)})`, ...pick(e.learned) },
    { name: `At the review cost`, ...pick(e.atReviewCost) },
    { name: 'Route all', ...pick(e.routeAll) },
    { name: 'Route none', ...pick(e.routeNone) },
    { name: `Fixed threshold (${thresholdText(e.fixedThreshold.threshold)})`, ...pick(e.fixedThreshold) },
    { name: `Best fixed threshold in hindsight (${thresholdText(e.bestThreshold.threshold)})`, ...pick(e.bestThreshold) },
  ];
}

function pick(c: { routedShare: number; total: number }): Pick<CostPoint, 'routedShare' | 'total'> {
  return { routedShare: c.routedShare, total: c.total };
}

/** A sweep as [share routed, total cost] pairs, by share routed (ties keep the sweep's order). */
export function sweepData(curve: PolicyEvaluationView['curves']['threshold']): [number, number][] {
  return curve.map((p) => [p.routedShare, p.total] as [number, number]).sort((a, b) => a[0] - b[0]);
}

/** How many marks the chart draws: every point of both sweeps and one per policy. */
export function costCurvePointCount(e: PolicyEvaluationView): number {
  return e.curves.threshold.length + e.curves.price.length + costCurvePolicies(e).length;
}

export function costCurveDescription(e: PolicyEvaluationView): string {
  const each = costCurvePolicies(e).map((p) => `${p.name}: total ${p.total.toFixed(2)} at ${percent(p.routedShare)} routed`);
  return `Held-out cost against share routed on ${e.rows} reviewed predictions. ${each.join('; ')}.`;
}

const POLICY_COLOURS = [COLOURS.learned, COLOURS.atReviewCost, COLOURS.routeAll, COLOURS.routeNone, COLOURS.fixed, COLOURS.best];
const POLICY_SYMBOLS = ['diamond', 'circle', 'triangle', 'triangle', 'rect', 'pin'];

export function costCurveOption(e: PolicyEvaluationView): RoutingChartOption {
  const policies = costCurvePolicies(e);
  const line = (name: string, data: [number, number][], color: string, dashed: boolean): LineSeriesOption => ({
    type: 'line',
    name,
    data,
    color,
    symbol: 'circle',
    symbolSize: 3,
    lineStyle: { width: 1.6, color, type: dashed ? 'dashed' : 'solid' },
    z: 1,
  });
  return {
    animation: false,
    aria: { enabled: true, label: { description: costCurveDescription(e) } },
    // The legend wraps onto a few lines: each point's name says what it is (its price, its threshold).
    grid: { left: 64, right: 24, top: 96, bottom: 48 },
    legend: { top: 0 },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const item = Array.isArray(p) ? p[0] : p;
        const [share, total] = item.value as [number, number];
        return `${item.seriesName}<br/>${percent(share)} routed · total cost ${total.toFixed(2)}`;
      },
    },
    xAxis: { type: 'value', name: 'share routed to review', nameLocation: 'middle', nameGap: 28, min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    yAxis: { type: 'value', name: 'total cost (held out)', min: 0 },
    series: [
      line('Confidence-threshold sweep', sweepData(e.curves.threshold), COLOURS.threshold, false),
      line('Price sweep (calibrated)', sweepData(e.curves.price), COLOURS.price, true),
      ...policies.map(
        (p, i): ScatterSeriesOption => ({
          type: 'scatter',
          name: p.name,
          data: [[p.routedShare, p.total]],
          color: POLICY_COLOURS[i],
          symbol: POLICY_SYMBOLS[i],
          symbolSize: 12,
          z: 3,
        }),
      ),
    ],
  };
}

type Calibration = ModelMonitoring['calibration'];

/** The reliability diagram's points: [mean confidence, accuracy] of each bin holding predictions. */
export function reliabilityData(c: Calibration): [number, number][] {
  return c.bins.flatMap((b) => (b.count > 0 && b.confidence !== null && b.accuracy !== null ? [[b.confidence, b.accuracy] as [number, number]] : []));
}

/** Each bin's count at its centre, for the bars under the diagram. */
export function binCountData(c: Calibration): [number, number][] {
  return c.bins.map((b) => [(b.lower + b.upper) / 2, b.count] as [number, number]);
}

/** Perfect calibration: accuracy equal to confidence. */
export const DIAGONAL: [number, number][] = [
  [0, 0],
  [1, 1],
];

export function reliabilityDescription(c: Calibration): string {
  const points = reliabilityData(c);
  const ece = c.ece === null ? 'not measured (no reviewed predictions)' : c.ece.toFixed(3);
  const each = points.map(([conf, acc]) => `confidence ${conf.toFixed(2)}: accuracy ${acc.toFixed(2)}`);
  return `Reliability diagram, expected calibration error ${ece}. ${points.length ? each.join('; ') : 'No bin holds a reviewed prediction'}.`;
}

export function reliabilityOption(c: Calibration): RoutingChartOption {
  return {
    animation: false,
    aria: { enabled: true, label: { description: reliabilityDescription(c) } },
    grid: { left: 56, right: 56, top: 36, bottom: 48 },
    legend: { top: 0 },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const item = Array.isArray(p) ? p[0] : p;
        const [x, y] = item.value as [number, number];
        return item.seriesName === 'Reviewed per bin' ? `Bin around ${x.toFixed(3)}: ${y} reviewed` : `${item.seriesName}<br/>confidence ${x.toFixed(3)} · accuracy ${y.toFixed(3)}`;
      },
    },
    xAxis: { type: 'value', name: 'confidence (calibrated)', nameLocation: 'middle', nameGap: 28, min: 0, max: 1 },
    yAxis: [
      { type: 'value', name: 'accuracy', min: 0, max: 1 },
      { type: 'value', name: 'reviewed', min: 0, splitLine: { show: false }, minInterval: 1 },
    ],
    series: [
      { type: 'bar', name: 'Reviewed per bin', yAxisIndex: 1, data: binCountData(c), barMaxWidth: 18, color: COLOURS.count, z: 1 },
      { type: 'line', name: 'Perfect calibration', data: DIAGONAL, symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: '#333333', width: 1 }, z: 2 },
      { type: 'line', name: 'Accuracy per bin', data: reliabilityData(c), color: COLOURS.accuracy, symbol: 'circle', symbolSize: 8, z: 3 },
    ],
  };
}
