// Cost curves as an SVG, rendered on the server by echarts: one panel per cost matrix, held-out mean cost per
// prediction against the share routed to review, for every fixed confidence threshold (grey) and every review price
// on the calibrated probabilities (blue), with the policies the re-fit compares marked on them.
import * as echarts from 'echarts';
import type { PolicyEvaluation } from '@arbiter/domain/routing';

export interface CostCurvePanel {
  title: string;
  evaluation: PolicyEvaluation;
}

export interface CostCurveChart {
  title: string;
  subtitle: string;
  panels: CostCurvePanel[];
  width?: number;
  height?: number;
}

// Okabe-Ito, colour-blind safe; the same policy keeps its colour in every panel and chart.
const MARKS = [
  { name: 'route-none', color: '#000000', symbol: 'rect', pick: (e: PolicyEvaluation) => e.routeNone },
  { name: 'route-all', color: '#7f7f7f', symbol: 'rect', pick: (e: PolicyEvaluation) => e.routeAll },
  { name: 'fixed 0.5', color: '#E69F00', symbol: 'triangle', pick: (e: PolicyEvaluation) => e.fixedThreshold },
  { name: 'best fixed in hindsight', color: '#D55E00', symbol: 'diamond', pick: (e: PolicyEvaluation) => e.bestThreshold },
  { name: 'learned', color: '#009E73', symbol: 'circle', pick: (e: PolicyEvaluation) => e.learned },
] as const;
const THRESHOLD = { name: 'confidence thresholds', color: '#999999' };
const PRICE = { name: 'review prices (calibrated)', color: '#0072B2' };

export function costCurveSvg({ title, subtitle, panels, width = 1200, height = 460 }: CostCurveChart): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  const share = 1 / panels.length;
  const grid = panels.map((_, i) => ({ left: `${(i * share + 0.05) * 100}%`, width: `${(share - 0.08) * 100}%`, top: 95, bottom: 85 }));
  const series = panels.flatMap(({ evaluation: e }, i): echarts.SeriesOption[] => [
    { type: 'line', name: THRESHOLD.name, xAxisIndex: i, yAxisIndex: i, data: e.curves.threshold.map((p) => [p.routedShare, p.mean]), symbol: 'none', step: false, color: THRESHOLD.color, lineStyle: { width: 1.5, color: THRESHOLD.color } },
    { type: 'line', name: PRICE.name, xAxisIndex: i, yAxisIndex: i, data: e.curves.price.map((p) => [p.routedShare, p.mean]), symbol: 'none', color: PRICE.color, lineStyle: { width: 1.5, color: PRICE.color } },
    ...MARKS.map(
      (m): echarts.SeriesOption => ({
        type: 'scatter',
        name: m.name,
        xAxisIndex: i,
        yAxisIndex: i,
        data: [[m.pick(e).routedShare, m.pick(e).mean]],
        symbol: m.symbol,
        symbolSize: 11,
        color: m.color,
        z: 5,
      }),
    ),
  ]);
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      title: [
        { text: title, subtext: subtitle, left: 'center' },
        ...panels.map((p, i) => ({ text: p.title, left: `${(i * share + share / 2) * 100}%`, top: 62, textAlign: 'center', textStyle: { fontSize: 13 } })),
      ],
      legend: { data: [THRESHOLD.name, PRICE.name, ...MARKS.map((m) => m.name)], bottom: 8 },
      grid,
      xAxis: panels.map((_, i) => ({ type: 'value', gridIndex: i, min: 0, max: 1, name: 'share routed', nameLocation: 'middle', nameGap: 26 })),
      yAxis: panels.map((_, i) => ({ type: 'value', gridIndex: i, min: 0, name: i === 0 ? 'held-out cost per prediction' : '', nameLocation: 'middle', nameGap: 40 })),
      series,
    });
    return chart.renderToSVGString();
  } finally {
    // An SSR chart keeps timers alive until disposed; without this the process does not exit.
    chart.dispose();
  }
}
