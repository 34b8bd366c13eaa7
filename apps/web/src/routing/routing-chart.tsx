import { useEChart } from './use-echart';
import type { RoutingChartOption } from './routing-chart-options';

export interface RoutingChartProps {
  option: RoutingChartOption;
  /** Pixels; the width follows the container. */
  height?: number;
  testId: string;
}

/** An ECharts chart; its `aria-label` (the option's description) is set by ECharts. */
export function RoutingChart({ option, height = 320, testId }: RoutingChartProps) {
  const ref = useEChart(option);
  return <div ref={ref} className="echart" style={{ height, width: '100%' }} data-testid={testId} />;
}
