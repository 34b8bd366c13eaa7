// Public API of the labeling-function domain: LF definitions and their evaluation, the label matrix they
// produce, and Snorkel's LF analysis of that matrix.
export {
  ABSTAIN,
  COMPARISON_OPS,
  LF_KINDS,
  MAX_LABEL,
  type CompiledLf,
  type ComparisonOp,
  type KeywordLf,
  type KeywordMatch,
  type LfDefinition,
  type LfItem,
  type LfKind,
  type ModelLf,
  type RegexLf,
  type ThresholdLf,
  type WordCountLf,
} from './lib/lf-definitions';
export { LfDefinitionError, LfDefinitionErrorCode } from './lib/lf-definition.error';
export { validateLfDefinition } from './lib/validate-lf-definition';
export { compileLinearRegex, REGEX_FLAGS, type LinearRegex } from './lib/linear-regex';
export { compileLf, evaluateLf } from './lib/evaluate-lf';
export { countWords, isPythonSpace, splitWords } from './lib/split-words';
export { applyLfs } from './lib/apply-lfs';
export { toLabelMatrix, type LabelMatrix, type LabelMatrixInput } from './lib/label-matrix';
export { LfAnalysisError, LfAnalysisErrorCode } from './lib/lf-analysis.error';
export { analyzeLfs, type AnalyzeLfsInput, type LfAnalysis, type LfStats } from './lib/lf-analysis';
