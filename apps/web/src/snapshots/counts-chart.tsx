import { useMemo } from 'react';
import type { CountsTable } from './datasheet-counts';
import { countsChartOption } from './snapshot-chart-options';
import { useEChart } from './use-echart';

export interface CountsChartProps {
  table: CountsTable;
}

/** The datasheet's counts as one stacked bar per split; its `aria-label` (the counts in words) is set by ECharts. */
export function CountsChart({ table }: CountsChartProps) {
  const option = useMemo(() => countsChartOption(table), [table]);
  const ref = useEChart(option);
  return <div ref={ref} className="echart" style={{ height: 280, width: '100%' }} data-testid="counts-chart" />;
}
