// Deterministic assignment of items to train/valid/test splits from a hash of id and seed (the test split is also
// active learning's evaluation slice).
export { splitPosition } from './lib/split-position';
export type { SplitKey } from './lib/split-position';
export { assignSplits } from './lib/assign-splits';
export type { AssignSplitsResult, SplitAssignment, SplitCandidate, SplitCounts } from './lib/assign-splits';
export { checkRatios, largestDeficitSplit, SPLIT_NAMES } from './lib/largest-deficit';
export type { SplitName, SplitRatios, SplitTally } from './lib/largest-deficit';
