import type { PolicyEvaluationView } from '@arbiter/contracts';
import { useMemo } from 'react';
import { costCurveOption, costCurvePointCount } from './routing-chart-options';
import { RoutingChart } from './routing-chart';

export interface CostCurveChartProps {
  evaluation: PolicyEvaluationView;
}

/** A proposal's held-out cost against share routed: both sweeps and every priced policy. */
export function CostCurveChart({ evaluation }: CostCurveChartProps) {
  const option = useMemo(() => costCurveOption(evaluation), [evaluation]);
  return (
    <div data-testid="cost-curve" data-points={costCurvePointCount(evaluation)} data-threshold-points={evaluation.curves.threshold.length}>
      <RoutingChart option={option} height={360} testId="cost-curve-chart" />
    </div>
  );
}
