import type { LearningCurve } from '@arbiter/contracts';
import { useMemo } from 'react';
import { learningCurveOption } from '../chart-options';
import { EChart } from './echart';

export interface LearningCurveChartProps {
  points: LearningCurve['points'];
}

/** Accuracy and macro-F1 on the evaluation slice per model version, against its training labels. */
export function LearningCurveChart({ points }: LearningCurveChartProps) {
  const option = useMemo(() => learningCurveOption(points), [points]);
  if (points.length === 0) {
    return (
      <p className="empty" data-testid="al-curve-empty">
        No model versions measured yet: each round adds a point.
      </p>
    );
  }
  return (
    <div data-testid="al-curve" data-points={points.length}>
      <EChart option={option} testId="al-curve-chart" />
    </div>
  );
}
