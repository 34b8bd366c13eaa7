import { useMemo } from 'react';
import { replayCurveOption } from '../chart-options';
import type { StrategyReplay } from '../replay-summary';
import { EChart } from './echart';

export interface ReplayChartProps {
  strategies: StrategyReplay[];
  /** Mean full-data accuracy over the runs: the dashed 95% and 98% lines are fractions of it. */
  fullAccuracy: number | null;
}

/** Every strategy's mean accuracy over seeds against labels, with its min–max band. */
export function ReplayChart({ strategies, fullAccuracy }: ReplayChartProps) {
  const option = useMemo(() => replayCurveOption(strategies, fullAccuracy), [strategies, fullAccuracy]);
  return (
    <div data-testid="replay-curve" data-strategies={strategies.length}>
      <EChart option={option} height={360} testId="replay-curve-chart" />
    </div>
  );
}
