import type { ModelMonitoring } from '@arbiter/contracts';
import { useMemo } from 'react';
import { reliabilityData, reliabilityOption } from './routing-chart-options';
import { RoutingChart } from './routing-chart';

export interface ReliabilityChartProps {
  calibration: ModelMonitoring['calibration'];
}

/** Accuracy against confidence per bin over the diagonal, with each bin's count of reviewed predictions. */
export function ReliabilityChart({ calibration }: ReliabilityChartProps) {
  const option = useMemo(() => reliabilityOption(calibration), [calibration]);
  return (
    <div data-testid="reliability" data-points={reliabilityData(calibration).length} data-bins={calibration.bins.length}>
      <RoutingChart option={option} testId="reliability-chart" />
    </div>
  );
}
