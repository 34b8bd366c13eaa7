// Consensus labels with posterior confidence: majority vote and Dawid-Skene EM.
export type { ConsensusInput, ConsensusResult, Judgement } from './consensus.types';
export { dawidSkene, type DawidSkeneOptions, type DawidSkeneResult, type WorkerModel } from './dawid-skene';
export { majorityVote, type MajorityVoteOptions } from './majority-vote';
