// A label matrix or gold vector that LF analysis cannot read: raised before any statistic is reported.

export enum LfAnalysisErrorCode {
  InvalidShape = 'LF_ANALYSIS_INVALID_SHAPE',
  InvalidVote = 'LF_ANALYSIS_INVALID_VOTE',
  InvalidGold = 'LF_ANALYSIS_INVALID_GOLD',
}

export class LfAnalysisError extends Error {
  constructor(
    readonly code: LfAnalysisErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LfAnalysisError';
  }
}
