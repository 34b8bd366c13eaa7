// Learning curves as an SVG, rendered on the server by echarts: per strategy the mean accuracy over seeds with a
// shaded min–max band, random sampling in grey, and dashed lines at 95% and 98% of the mean full-data accuracy.
import * as echarts from 'echarts';
import type { CurveSummary } from '@arbiter/domain/sampling';

export const RANDOM_STRATEGY = 'random';

// Fixed per strategy (Okabe-Ito, colour-blind safe) so a strategy keeps its colour across datasets and filters.
const COLOURS: Record<string, string> = {
  [RANDOM_STRATEGY]: '#7f7f7f',
  'least-confidence': '#E69F00',
  margin: '#0072B2',
  entropy: '#56B4E9',
  'k-center': '#D55E00',
  'kmeans-pp': '#CC79A7',
  hybrid: '#009E73',
};
const FALLBACK = '#000000';

export interface LearningCurveChart {
  title: string;
  subtitle: string;
  curves: { strategy: string; summary: CurveSummary }[];
  fullAccuracy: number;
  width?: number;
  height?: number;
}

function strategySeries(strategy: string, { curve }: CurveSummary): echarts.SeriesOption[] {
  const color = COLOURS[strategy] ?? FALLBACK;
  const band = `band-${strategy}`;
  const hidden = { symbol: 'none', silent: true, lineStyle: { opacity: 0 } } as const;
  return [
    // The band is two stacked series: the minimum (invisible), then max − min filled down onto it.
    { type: 'line', name: `${strategy} min`, stack: band, data: curve.map((p) => [p.labels, p.min]), ...hidden },
    { type: 'line', name: `${strategy} min–max`, stack: band, data: curve.map((p) => [p.labels, p.max - p.min]), areaStyle: { color, opacity: strategy === RANDOM_STRATEGY ? 0.2 : 0.12 }, ...hidden },
    { type: 'line', name: strategy, data: curve.map((p) => [p.labels, p.mean]), symbol: 'none', color, lineStyle: { width: strategy === RANDOM_STRATEGY ? 2.5 : 1.8, color }, z: strategy === RANDOM_STRATEGY ? 3 : 2 },
  ];
}

/** The chart as an SVG document. */
export function learningCurveSvg({ title, subtitle, curves, fullAccuracy, width = 960, height = 600 }: LearningCurveChart): string {
  const lows = curves.flatMap(({ summary }) => summary.curve.map((p) => p.min));
  const highs = curves.flatMap(({ summary }) => summary.curve.map((p) => p.max));
  const lastLabels = Math.max(...curves.flatMap(({ summary }) => summary.curve.map((p) => p.labels)));
  const references = [0.95, 0.98].map((f) => ({ name: `${Math.round(f * 100)}% of full-data accuracy (${(f * fullAccuracy).toFixed(3)})`, yAxis: f * fullAccuracy }));
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      title: { text: title, subtext: subtitle, left: 'center' },
      legend: { data: curves.map((c) => c.strategy), bottom: 8 },
      grid: { left: 70, right: 40, top: 80, bottom: 90 },
      xAxis: { type: 'value', name: 'labels', nameLocation: 'middle', nameGap: 30, min: 0, max: lastLabels },
      // Round bounds (a floor under the lowest band, a ceiling over full-data accuracy so both dashed lines show).
      yAxis: { type: 'value', name: 'test accuracy', min: Math.floor(Math.min(...lows) * 10) / 10, max: Math.min(1, Math.ceil(Math.max(...highs, fullAccuracy) * 20) / 20) },
      series: [
        ...curves.flatMap(({ strategy, summary }) => strategySeries(strategy, summary)),
        {
          type: 'line',
          name: 'full-data reference',
          data: [],
          markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#333333', width: 1 }, label: { formatter: '{b}', position: 'insideStartTop' }, data: references },
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    // An SSR chart keeps timers alive until disposed; without this the process does not exit.
    chart.dispose();
  }
}
