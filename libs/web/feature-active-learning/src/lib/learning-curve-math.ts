// The learning-curve functions of libs/domain/sampling (mean and min–max band over seeds, labels to reach a share
// of full-data accuracy, the paired ratio to random): the replay view uses exactly what the benchmark uses.
export { compareToRandom, DEFAULT_FRACTIONS, summariseCurves } from '@arbiter/domain/sampling';
export type { CurveRun, CurveSummary, RandomComparison, ReachSummary } from '@arbiter/domain/sampling';
