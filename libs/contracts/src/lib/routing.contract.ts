// The production review loop (issue 10): a project's routing policy (versioned), production predictions and the
// decisions answered for them, and reviewers' verdicts. The policy mirrors `RoutingPolicy` in libs/domain/routing,
// whose checkRoutingPolicy the server runs as well (it checks what a schema cannot: k × k, one floor per label,
// metadata conditions).
import { z } from 'zod';
import { itemIdSchema } from './common.contract';

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
  /** The bar of the expected-cost test (review when the cheapest expected cost is above it), learned by the re-fit; reviewCost when absent. */
  reviewPrice: cost.optional(),
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

/**
 * `PATCH /api/projects/:projectId/routing/settings` (engineer): either or both. `autoApplyProposals`: a re-fit's
 * proposal becomes the active policy version as soon as it is made, instead of waiting for approval.
 */
export const updateRoutingSettingsSchema = z
  .strictObject({ shadowMode: z.boolean().optional(), autoApplyProposals: z.boolean().optional() })
  .refine((s) => s.shadowMode !== undefined || s.autoApplyProposals !== undefined, { message: 'send shadowMode, autoApplyProposals or both' });
export type UpdateRoutingSettings = z.infer<typeof updateRoutingSettingsSchema>;
export const routingSettingsSchema = z.object({ shadowMode: z.boolean(), autoApplyProposals: z.boolean() });
export type RoutingSettings = z.infer<typeof routingSettingsSchema>;

/** The item a prediction is about: an item of the project (`itemId`), or the text the model saw. */
export const predictionItemSchema = z
  .strictObject({
    itemId: itemIdSchema.optional(),
    text: z.string().min(1).max(100_000).optional(),
    /** Read by the policy's metadata rules. */
    metadata: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((i) => (i.itemId === undefined) !== (i.text === undefined), { message: 'send either itemId or text' });

export const predictionRequestSchema = z.strictObject({
  /** The production service's own id: a retry with the same id and body gets the stored decision. */
  predictionId: z.string().min(1).max(200),
  item: predictionItemSchema,
  model: z.strictObject({ name: z.string().min(1).max(200), version: z.string().min(1).max(200) }),
  /** The model's probability per label, in label order, summing to 1 (±0.001). */
  probs: z.array(z.number()).min(2).max(200),
});
export type PredictionRequest = z.infer<typeof predictionRequestSchema>;

export const predictionBatchRequestSchema = z.strictObject({
  predictions: z.array(predictionRequestSchema).min(1).max(MAX_PREDICTION_BATCH),
});
export type PredictionBatchRequest = z.infer<typeof predictionBatchRequestSchema>;

export const routeReasonSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('expected-cost'), minExpectedCost: z.number(), reviewCost: z.number() }),
  z.object({ kind: z.literal('confidence-floor'), label: z.number(), confidence: z.number(), minConfidence: z.number() }),
  z.object({ kind: z.literal('rule'), ruleId: z.string() }),
  z.object({ kind: z.literal('audit'), share: z.number() }),
]);
export type RouteReasonView = z.infer<typeof routeReasonSchema>;

export const VERDICTS = ['accept', 'correct', 'reject'] as const;

/** A reviewer's verdict on a routed prediction: accept the model's label, correct it, or reject the input as invalid. */
export const verdictSchema = z.object({
  verdict: z.enum(VERDICTS),
  /** The true label: the model's (accept), the reviewer's (correct); null for reject. */
  label: z.number().int().nullable(),
  decidedAt: z.string(),
});
export type Verdict = z.infer<typeof verdictSchema>;

/** The answer to a prediction, and `GET …/predictions/:predictionId`. */
export const predictionDecisionSchema = z.object({
  predictionId: z.string(),
  /** What the service should do now: act on `label`, or wait for the review. Always `act` in shadow mode. */
  action: z.enum(['act', 'review']),
  label: z.number().int(),
  labelName: z.string(),
  reviewId: z.uuid().nullable(),
  /** The policy's decision; differs from `action` only in shadow mode. */
  decidedAction: z.enum(['act', 'review']),
  shadow: z.boolean(),
  calibratedProbs: z.array(z.number()),
  expectedCosts: z.array(z.number()),
  reviewCost: z.number(),
  reasons: z.array(routeReasonSchema),
  policyVersion: z.number().int(),
  decidedAt: z.string(),
  /** The reviewer's verdict, once there is one. */
  verdict: verdictSchema.nullable(),
});
export type PredictionDecision = z.infer<typeof predictionDecisionSchema>;

export const predictionBatchResponseSchema = z.object({ decisions: z.array(predictionDecisionSchema) });
export type PredictionBatchResponse = z.infer<typeof predictionBatchResponseSchema>;

/** `GET /api/projects/:projectId/production-reviews?status=open` (reviewer). */
export const listProductionReviewsQuerySchema = z.strictObject({
  status: z.enum(['open', 'decided']).default('open'),
  /** Keyset cursor: the `cursor` of the previous page. */
  after: z.string().regex(/^[0-9]{1,19}$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListProductionReviewsQuery = z.infer<typeof listProductionReviewsQuerySchema>;

export const productionReviewSchema = z.object({
  reviewId: z.uuid(),
  status: z.enum(['open', 'decided']),
  predictionId: z.string(),
  item: z.object({ itemId: z.string().nullable(), text: z.string().nullable(), metadata: z.record(z.string(), z.unknown()) }),
  model: z.object({ name: z.string(), version: z.string() }),
  suggestedLabel: z.number().int(),
  calibratedProbs: z.array(z.number()),
  expectedCosts: z.array(z.number()),
  reasons: z.array(routeReasonSchema),
  policyVersion: z.number().int(),
  createdAt: z.string(),
  verdict: verdictSchema.nullable(),
});
export type ProductionReview = z.infer<typeof productionReviewSchema>;
export const productionReviewPageSchema = z.object({ reviews: z.array(productionReviewSchema), cursor: z.string().nullable() });
export type ProductionReviewPage = z.infer<typeof productionReviewPageSchema>;

/** `POST …/production-reviews/:reviewId/verdict` (reviewer): one verdict per review; `label` only with `correct`. */
export const productionVerdictRequestSchema = z
  .strictObject({ verdict: z.enum(VERDICTS), label: z.number().int().min(0).optional() })
  .refine((v) => (v.verdict === 'correct') === (v.label !== undefined), { message: 'label is required with correct, and only with it', path: ['label'] });
export type ProductionVerdictRequest = z.infer<typeof productionVerdictRequestSchema>;
