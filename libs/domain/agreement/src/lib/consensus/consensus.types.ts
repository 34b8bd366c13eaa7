// The shapes shared by every consensus method: judgements in, one label with its confidence per item out.

/** One annotator's label for one item. Dense ids: items 0..n-1, workers 0..m-1, labels 0..k-1. */
export interface Judgement {
  item: number;
  worker: number;
  label: number;
}

export interface ConsensusInput {
  judgements: Judgement[];
  /** n: item count; ids run 0..n-1 and an item may have no judgements. */
  items: number;
  /** m: worker count. */
  workers: number;
  /** k: class count, at least 1. */
  classes: number;
}

export interface ConsensusResult {
  /** Per item: the consensus label (ties → the lowest label id), null for an item with no judgements. */
  labels: (number | null)[];
  /** Per item: the posterior probability of that label (the maximum posterior), null when unjudged. */
  confidence: (number | null)[];
  /**
   * Per item: a length-k Float64Array of class probabilities summing to 1. All rows are views on one
   * contiguous n × k buffer. An unjudged item carries the method's prior (uniform for majority vote,
   * the learned class prior for Dawid-Skene), so it stays a valid distribution.
   */
  posteriors: Float64Array[];
  method: 'majority' | 'dawid-skene';
}
