// Active-learning sampling strategies: which unlabeled rows to send to annotators next. Pure functions over
// plain data (number[][] or row-major typed arrays); each returns row indices in selection order, ties broken
// by the lower index, randomness seeded. Cold start (no model yet) is the caller's choice: kMeansPlusPlus.
export { STRATEGIES, isSamplingStrategy } from './lib/strategies';
export type { SamplingStrategy } from './lib/strategies';
export type { Matrix, RowSet } from './lib/inputs';
export { randomSample } from './lib/random-sample';
export type { RandomSampleOptions } from './lib/random-sample';
export type { UncertaintyOptions } from './lib/uncertainty';
export { leastConfidence } from './lib/least-confidence';
export { margin } from './lib/margin';
export { entropy } from './lib/entropy';
export { kCenterGreedy } from './lib/k-center-greedy';
export type { KCenterGreedyOptions } from './lib/k-center-greedy';
export { kMeansPlusPlus } from './lib/k-means-plus-plus';
export type { KMeansPlusPlusOptions } from './lib/k-means-plus-plus';
export { hybrid, HYBRID_MAX_ITERATIONS } from './lib/hybrid';
export type { HybridOptions } from './lib/hybrid';
export { lfDisagreement } from './lib/lf-disagreement';
export type { LfDisagreementOptions } from './lib/lf-disagreement';
export * from './lib/learning-curve';
