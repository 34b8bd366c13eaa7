// Deterministic assignment of items to evaluation and (later) train/valid/test splits from a hash of id and seed.
export { inEvaluationSlice, splitPosition } from './lib/split-position';
export type { SplitKey } from './lib/split-position';
