// The labeling-function kinds this library evaluates, as plain JSON-serialisable data. Code LFs are not here:
// they run in a sandbox elsewhere and only their votes meet this library (in a label matrix).

/** The vote of an LF that has no opinion on an item (Snorkel's convention). */
export const ABSTAIN = -1;
/** Labels are 0..MAX_LABEL so that a vote fits the compact Int8Array label matrix. */
export const MAX_LABEL = 127;

export const COMPARISON_OPS = ['<', '<=', '>', '>=', '==', '!='] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

/**
 * `word` (the default): a keyword equals one word of the lower-cased text split as Python's `str.split()` does.
 * `substring`: a keyword occurs anywhere in the lower-cased text, as the Snorkel spam tutorial's
 * `any(word in x.text.lower() for word in keywords)` does (and so WRENCH's youtube keyword columns).
 */
export type KeywordMatch = 'word' | 'substring';

export interface KeywordLf {
  kind: 'keyword';
  /** Compared with lower-cased text, so they are lower-cased when compiled. */
  keywords: string[];
  match?: KeywordMatch;
  label: number;
}

/**
 * A regular expression in JavaScript syntax searched in the text (not lower-cased), flags from `imsu`. It runs on
 * a linear-time engine (RE2): no backreferences or lookaround; see linear-regex.ts for the flags' meaning.
 */
export interface RegexLf {
  kind: 'regex';
  pattern: string;
  flags?: string;
  label: number;
}

/** Compares a numeric metadata field with `value`; a missing or non-numeric field abstains. */
export interface ThresholdLf {
  kind: 'threshold';
  field: string;
  op: ComparisonOp;
  value: number;
  label: number;
}

/** Compares the number of words (Python `str.split()` words of the text) with `value`. */
export interface WordCountLf {
  kind: 'word-count';
  op: ComparisonOp;
  value: number;
  label: number;
}

/**
 * Votes a trained model's most likely label when the model gives it at least `minConfidence` (with `label`, only
 * when that label is the most likely one). The model is pinned by version, so a version's votes never change under
 * it; an item the model has no probabilities for abstains.
 */
export interface ModelLf {
  kind: 'model';
  modelVersion: number;
  minConfidence: number;
  label?: number;
}

export type LfDefinition = KeywordLf | RegexLf | ThresholdLf | WordCountLf | ModelLf;
export type LfKind = LfDefinition['kind'];
export const LF_KINDS: readonly LfKind[] = ['keyword', 'regex', 'threshold', 'word-count', 'model'];

/** What an LF sees of an item. */
export interface LfItem {
  text: string;
  metadata?: Record<string, unknown>;
  /** Class probabilities of the item by model version, for model LFs; a version missing here abstains. */
  predictions?: ReadonlyMap<number, ArrayLike<number>>;
}

/** An LF ready to run: returns its label or ABSTAIN. */
export type CompiledLf = (item: LfItem) => number;
