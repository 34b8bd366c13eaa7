import type { ChartOption } from '../chart-options';
import { useEChart } from '../hooks/use-echart';

export interface EChartProps {
  option: ChartOption;
  /** Pixels; the width follows the container. */
  height?: number;
  testId: string;
}

/** An ECharts chart; its `aria-label` (the chart's own description of its series and data) is set by ECharts. */
export function EChart({ option, height = 320, testId }: EChartProps) {
  const ref = useEChart(option);
  return <div ref={ref} className="echart" style={{ height }} data-testid={testId} />;
}
