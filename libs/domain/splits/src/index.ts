// Deterministic assignment of items to the evaluation slice and to train/valid/test splits from a hash of id and seed.
export { inEvaluationSlice, splitPosition } from './lib/split-position';
export type { SplitKey } from './lib/split-position';
export { assignSplits } from './lib/assign-splits';
export type { AssignSplitsResult, SplitAssignment, SplitCandidate, SplitCounts } from './lib/assign-splits';
export { checkRatios, largestDeficitSplit, SPLIT_NAMES } from './lib/largest-deficit';
export type { SplitName, SplitRatios, SplitTally } from './lib/largest-deficit';
