// Label model: majority vote and a generative model (Snorkel's matrix completion) over LF votes,
// with the better of the two chosen on validation gold. Pure TypeScript, no framework imports.
export { ABSTAIN, MAX_CLASSES, toCompactVoteMatrix, toVoteRows } from './lib/vote-matrix';
export type { CompactVoteMatrix, VoteMatrix } from './lib/vote-matrix';
export { majorityVote } from './lib/majority-vote';
export type { MajorityVoteOptions } from './lib/majority-vote';
export { fitLabelModel } from './lib/fit-label-model';
export type { ChosenModel, FitLabelModelOptions, LabelModel } from './lib/fit-label-model';
export type { GenerativeFitOptions } from './lib/generative-model';
export type { ClassBalanceSource } from './lib/class-balance';
export { createOverlapAccumulator, overlapStatistics } from './lib/sufficient-statistics';
export type { OverlapAccumulator, OverlapStatistics } from './lib/sufficient-statistics';
export { tieAwareAccuracy } from './lib/tie-aware-accuracy';
export type { TieAwareAccuracyOptions } from './lib/tie-aware-accuracy';
export { plantedVotes, seededRandom } from './lib/planted-votes';
export type { PlantedVotes, PlantedVotesOptions } from './lib/planted-votes';
