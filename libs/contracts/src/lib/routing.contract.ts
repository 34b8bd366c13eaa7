// The production review loop (issue 10): a project's routing policy (versioned), production predictions and the
// decisions answered for them, and reviewers' verdicts. The policy mirrors `RoutingPolicy` in libs/domain/routing,
// whose checkRoutingPolicy the server runs as well (it checks what a schema cannot: k × k, one floor per label,
// metadata conditions).
import { z } from 'zod';

/** The format of the policy object (the domain's ROUTING_POLICY_SCHEMA_VERSION). */
export const ROUTING_POLICY_FORMAT = 1;
/** The review cost of the default policy, in the units of its 0/1 cost matrix: review when P(wrong) > 0.2. */
export const DEFAULT_REVIEW_COST = 0.2;
export const MAX_PREDICTION_BATCH = 5000;

const cost = z.number().min(0);

export const routingPolicySchema = z.strictObject({
  schemaVersion: z.literal(ROUTING_POLICY_FORMAT),
  /** costMatrix[true][decided], k × k for the project's k labels, non-negative. */
  costMatrix: z.array(z.array(cost).max(200)).min(2).max(200),
  /** The cost of one review, in the cost matrix's units. */
  reviewCost: cost,
  /** Temperature applied to the model's probabilities before deciding; 1 (default) = as sent. */
  temperature: z.number().min(0.05).max(20).optional(),
  /** Review a decision for `label` whose calibrated probability is below `minConfidence`. */
  confidenceFloors: z.array(z.strictObject({ label: z.number().int().min(0), minConfidence: z.number().min(0).max(1) })).max(200).optional(),
  /** Review `share` of what would be acted on, drawn by a hash of the prediction id and `seed`. */
  audit: z.strictObject({ share: z.number().min(0).max(1), seed: z.number().int().min(0).max(0xffffffff) }).nullable().optional(),
  /** Review predictions whose metadata matches `when` (comparisons combined with `all`/`any`, checked by the server). */
  rules: z.array(z.strictObject({ id: z.string().min(1).max(100), when: z.record(z.string(), z.unknown()) })).max(100).optional(),
});
export type RoutingPolicyDoc = z.infer<typeof routingPolicySchema>;

/**
 * `GET /api/projects/:projectId/routing/policy`: the active policy. Until an engineer sets one, the default (`version`
 * null): the project's labels with a 0/1 cost matrix and a review cost of DEFAULT_REVIEW_COST. The first prediction
 * decided under the default stores it as version 1, so every decision names a stored version.
 */
export const routingPolicyViewSchema = z.object({
  version: z.number().int().nullable(),
  isDefault: z.boolean(),
  policy: routingPolicySchema,
  createdAt: z.string().nullable(),
  /** Shadow mode: decide and record, but always answer `act`. */
  shadowMode: z.boolean(),
});
export type RoutingPolicyView = z.infer<typeof routingPolicyViewSchema>;

/** `PATCH /api/projects/:projectId/routing/settings` (engineer). */
export const updateRoutingSettingsSchema = z.strictObject({ shadowMode: z.boolean() });
export type UpdateRoutingSettings = z.infer<typeof updateRoutingSettingsSchema>;
export const routingSettingsSchema = z.object({ shadowMode: z.boolean() });
export type RoutingSettings = z.infer<typeof routingSettingsSchema>;

