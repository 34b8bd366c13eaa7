// ECharts options for the datasheet, built from plain data (no echarts runtime here, so they are unit-testable): the
// counts by split as one stacked bar per split, a segment per label.
import { SPLITS } from '@arbiter/contracts';
import type { BarSeriesOption } from 'echarts/charts';
import type { AriaComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { CountsTable } from './datasheet-counts';

export type SnapshotChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption>;

// Okabe-Ito, colour-blind safe, as in the other charts; labels past eight cycle.
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

/** What the chart shows, in words: ECharts sets it as the chart's aria-label. */
export function countsDescription(t: CountsTable): string {
  const each = SPLITS.map((s) => `${s} ${t.totals[s]} (${t.rows.map((r) => `${r.label} ${r.bySplit[s]}`).join(', ')})`);
  return `Rows by split and label, ${t.total} in all: ${each.join('; ')}.`;
}

export function countsChartOption(t: CountsTable): SnapshotChartOption {
  const series: BarSeriesOption[] = t.rows.map((r, i) => ({
    type: 'bar',
    name: r.label,
    stack: 'rows',
    color: COLOURS[i % COLOURS.length],
    emphasis: { focus: 'series' },
    data: SPLITS.map((s) => r.bySplit[s]),
  }));
  return {
    aria: { enabled: true, label: { description: countsDescription(t) } },
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 56, right: 16, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: [...SPLITS] },
    yAxis: { type: 'value', name: 'rows', minInterval: 1 },
    series,
  };
}
