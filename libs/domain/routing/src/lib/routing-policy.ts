// A project's routing policy as plain JSON: what a prediction costs to get wrong, what a review costs, the fitted
// calibrator, and the extra routes (per-label confidence floors, an audit share, metadata rules). The server keeps
// every version and names the one behind each decision; schemaVersion is the format of this object, so a stored
// policy can be read (or migrated) after the format grows.
import { checkCostMatrix, checkReviewCost, finite } from './probability-rows';
import { checkCondition } from './metadata-condition';
import type { MetadataCondition } from './metadata-condition';
import { RoutingError, RoutingErrorCode } from './routing.error';

export const ROUTING_POLICY_SCHEMA_VERSION = 1;

/** Review a prediction decided as `label` when the calibrated probability of that label is below `minConfidence`. */
export interface ConfidenceFloor {
  label: number;
  minConfidence: number;
}

/** Review `share` of what would otherwise be acted on, picked by hashing the prediction id with `seed`. */
export interface AuditSample {
  share: number;
  seed: number;
}

/** Review every prediction whose metadata matches `when`; `id` is what the decision's reason names. */
export interface MetadataRule {
  id: string;
  when: MetadataCondition;
}

/**
 * Similar-case routing: review a prediction that would be acted on when the model was overturned (a verdict that
 * corrected its label or rejected the input) on at least `minOverturned` of its `k` nearest reviewed predictions
 * (cosine similarity of the embeddings the production service sent, at least `minSimilarity`).
 */
export interface SimilarCases {
  k: number;
  minOverturned: number;
  minSimilarity: number;
}

export interface RoutingPolicy {
  schemaVersion: typeof ROUTING_POLICY_SCHEMA_VERSION;
  /** costMatrix[true][decided], k × k, non-negative; k is the project's label count. */
  costMatrix: number[][];
  /** The cost of one review in the same units: what a routed prediction is charged when policies are compared. */
  reviewCost: number;
  /**
   * The bar of the expected-cost test: review when min_j expectedCosts[j] > reviewPrice. Learned by the re-fit
   * (fitRoutingPolicy) from reviewers' verdicts; reviewCost when absent, the right bar for a perfectly calibrated
   * model. The floor of the price capacity pricing may raise.
   */
  reviewPrice?: number;
  /** Temperature applied to the model's probabilities, softmax(ln p / T + classBias), before deciding; 1 (default) = as sent. */
  temperature?: number;
  /** Added per class to ln p / T before the softmax (fitted with the temperature by the re-fit); none by default. */
  classBias?: number[];
  confidenceFloors?: ConfidenceFloor[];
  audit?: AuditSample | null;
  rules?: MetadataRule[];
  similarCases?: SimilarCases | null;
}

/** Checks a policy read from JSON, naming the first bad field; returns the class count k. */
export function checkRoutingPolicy(policy: unknown): number {
  const bad = (path: string, message: string) => new RoutingError(RoutingErrorCode.InvalidPolicy, path, message);
  if (typeof policy !== 'object' || policy === null) throw bad('', 'a routing policy must be an object');
  const p = policy as Partial<Record<keyof RoutingPolicy, unknown>>;
  if (p.schemaVersion !== ROUTING_POLICY_SCHEMA_VERSION) {
    throw bad('schemaVersion', `schemaVersion must be ${ROUTING_POLICY_SCHEMA_VERSION}`);
  }
  const k = Array.isArray(p.costMatrix) ? p.costMatrix.length : 0;
  if (k < 2) throw bad('costMatrix', 'costMatrix must be k × k with at least two classes');
  checkCostMatrix(p.costMatrix, k, 'costMatrix');
  if (checkReviewCost(p.reviewCost, 'reviewCost') === Infinity) throw bad('reviewCost', 'reviewCost must be finite');
  if (p.reviewPrice !== undefined && checkReviewCost(p.reviewPrice, 'reviewPrice') === Infinity) {
    throw bad('reviewPrice', 'reviewPrice must be finite');
  }
  if (p.temperature !== undefined) {
    const t = finite(p.temperature, 'temperature');
    if (t < 0.05 || t > 20) throw bad('temperature', 'temperature must be in [0.05, 20], the range it is fitted in');
  }
  if (p.classBias !== undefined) {
    if (!Array.isArray(p.classBias) || p.classBias.length !== k) throw bad('classBias', `classBias must hold ${k} numbers, one per class`);
    p.classBias.forEach((b, c) => finite(b, `classBias[${c}]`));
  }
  checkFloors(p.confidenceFloors, k, bad);
  if (p.audit !== undefined && p.audit !== null) {
    const audit = p.audit as Partial<AuditSample>;
    const share = finite(audit.share, 'audit.share');
    if (share < 0 || share > 1) throw bad('audit.share', 'audit.share must be in [0, 1]');
    if (!Number.isInteger(audit.seed) || (audit.seed as number) < 0 || (audit.seed as number) > 0xffffffff) {
      throw bad('audit.seed', 'audit.seed must be an integer in [0, 2^32)');
    }
  }
  checkRules(p.rules, bad);
  if (p.similarCases !== undefined && p.similarCases !== null) {
    const sc = p.similarCases as Partial<SimilarCases>;
    if (!Number.isInteger(sc.k) || (sc.k as number) < 1 || (sc.k as number) > 50) throw bad('similarCases.k', 'similarCases.k must be an integer in [1, 50]');
    if (!Number.isInteger(sc.minOverturned) || (sc.minOverturned as number) < 1 || (sc.minOverturned as number) > (sc.k as number)) {
      throw bad('similarCases.minOverturned', 'similarCases.minOverturned must be an integer in [1, k]');
    }
    const s = finite(sc.minSimilarity, 'similarCases.minSimilarity');
    if (s < -1 || s > 1) throw bad('similarCases.minSimilarity', 'similarCases.minSimilarity must be a cosine similarity in [-1, 1]');
  }
  return k;
}

type Bad = (path: string, message: string) => RoutingError;

function checkFloors(floors: unknown, k: number, bad: Bad): void {
  if (floors === undefined) return;
  if (!Array.isArray(floors)) throw bad('confidenceFloors', 'confidenceFloors must be a list');
  const seen = new Set<number>();
  floors.forEach((floor: Partial<ConfidenceFloor>, i) => {
    const path = `confidenceFloors[${i}]`;
    if (!Number.isInteger(floor?.label) || (floor.label as number) < 0 || (floor.label as number) >= k) {
      throw bad(`${path}.label`, `${path}.label must be a class in 0..${k - 1}`);
    }
    if (seen.has(floor.label as number)) throw bad(`${path}.label`, `label ${floor.label} has two floors`);
    seen.add(floor.label as number);
    const minConfidence = finite(floor.minConfidence, `${path}.minConfidence`);
    if (minConfidence < 0 || minConfidence > 1) {
      throw bad(`${path}.minConfidence`, `${path}.minConfidence must be in [0, 1]`);
    }
  });
}

function checkRules(rules: unknown, bad: Bad): void {
  if (rules === undefined) return;
  if (!Array.isArray(rules)) throw bad('rules', 'rules must be a list');
  const ids = new Set<string>();
  rules.forEach((rule: Partial<MetadataRule>, i) => {
    if (typeof rule?.id !== 'string' || rule.id === '') throw bad(`rules[${i}].id`, `rules[${i}].id must be a name`);
    if (ids.has(rule.id)) throw bad(`rules[${i}].id`, `rule id "${rule.id}" is used twice`);
    ids.add(rule.id);
    checkCondition(rule.when, `rules[${i}].when`);
  });
}
