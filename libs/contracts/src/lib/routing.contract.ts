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
  /** Added per class to ln p / T before the softmax, fitted with the temperature by the re-fit; one per label. */
  classBias: z.array(z.number()).max(200).optional(),
  /** Review a decision for `label` whose calibrated probability is below `minConfidence`. */
  confidenceFloors: z.array(z.strictObject({ label: z.number().int().min(0), minConfidence: z.number().min(0).max(1) })).max(200).optional(),
  /** Review `share` of what would be acted on, drawn by a hash of the prediction id and `seed`. */
  audit: z.strictObject({ share: z.number().min(0).max(1), seed: z.number().int().min(0).max(0xffffffff) }).nullable().optional(),
  /** Review predictions whose metadata matches `when` (comparisons combined with `all`/`any`, checked by the server). */
  rules: z.array(z.strictObject({ id: z.string().min(1).max(100), when: z.record(z.string(), z.unknown()) })).max(100).optional(),
  /**
   * Similar-case routing: review a prediction when the model was overturned on at least `minOverturned` of its `k`
   * nearest reviewed predictions (cosine similarity of the `item.embedding`s sent, at least `minSimilarity`).
   */
  similarCases: z
    .strictObject({ k: z.number().int().min(1).max(50), minOverturned: z.number().int().min(1).max(50), minSimilarity: z.number().min(-1).max(1).default(0) })
    .nullable()
    .optional(),
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

/** What a review past its SLA deadline turns into: acted on with the model's label, moved to the senior pool, or left waiting. */
export const ESCALATIONS = ['act', 'senior', 'wait'] as const;
export type Escalation = (typeof ESCALATIONS)[number];

export const routingSettingsSchema = z.object({
  shadowMode: z.boolean(),
  /** Reviews per hour the reviewers can do; null: unlimited (the policy's review cost is the price). */
  reviewBudgetPerHour: z.number().int().nullable(),
  /** Minutes a review may stay open; null: no deadline. */
  slaMinutes: z.number().int().nullable(),
  escalation: z.enum(ESCALATIONS),
  /** A re-fit's proposal becomes the active policy version as soon as it is made, instead of waiting for approval. */
  autoApplyProposals: z.boolean(),
});
export type RoutingSettings = z.infer<typeof routingSettingsSchema>;

/** `PATCH /api/projects/:projectId/routing/settings` (engineer): the fields sent change, the others stay. */
export const updateRoutingSettingsSchema = z
  .strictObject({
    shadowMode: z.boolean().optional(),
    reviewBudgetPerHour: z.number().int().min(1).max(1_000_000).nullable().optional(),
    slaMinutes: z.number().int().min(1).max(30 * 24 * 60).nullable().optional(),
    escalation: z.enum(ESCALATIONS).optional(),
    autoApplyProposals: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'send at least one setting' });
export type UpdateRoutingSettings = z.infer<typeof updateRoutingSettingsSchema>;

/**
 * `GET /api/projects/:projectId/routing/capacity` (reviewer): the review price capacity pricing sets now, from the
 * budget, the queue and the last hour's predictions (libs/domain/routing's capacityReviewCost), and what it costs.
 */
export const routingCapacitySchema = z.object({
  budgetPerHour: z.number().nullable(),
  /** Open reviews in the queue. */
  queueLength: z.number().int(),
  /** Predictions decided in the last hour, and those routed by rules, floors or audits (not by cost). */
  arrivalsPerHour: z.number().int(),
  reservedPerHour: z.number().int(),
  /** The planning horizon: the SLA when set, else an hour. */
  horizonHours: z.number(),
  /** The policy's price (its reviewPrice, else its review cost) and the price now (equal without a budget, or when the budget keeps up). */
  policyReviewCost: z.number(),
  reviewCost: z.number(),
  /** Share of arriving predictions the budget can review on cost (1 without a budget). */
  share: z.number(),
  /** Expected cost per hour of predictions acted on that a review at the policy's cost would have caught. */
  forgoneCostPerHour: z.number(),
  computedAt: z.string(),
});
export type RoutingCapacity = z.infer<typeof routingCapacitySchema>;

/** The item a prediction is about: an item of the project (`itemId`), or the text the model saw. */
export const predictionItemSchema = z
  .strictObject({
    itemId: itemIdSchema.optional(),
    text: z.string().min(1).max(100_000).optional(),
    /** Read by the policy's metadata rules. */
    metadata: z.record(z.string(), z.unknown()).optional(),
    /** The item's embedding (any fixed length per model), for similar-case routing: compared with reviewed predictions'. */
    embedding: z.array(z.number()).min(2).max(4096).optional(),
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
  z.object({ kind: z.literal('similar-cases'), overturned: z.number(), neighbours: z.number() }),
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

/** A review's SLA escalation, once its deadline passed: the project's action then, and when. */
export const escalationRecordSchema = z.object({ action: z.enum(ESCALATIONS), at: z.string() });
export type EscalationRecord = z.infer<typeof escalationRecordSchema>;

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
  /** When the review must be done by (the SLA), null without one. */
  reviewDeadline: z.string().nullable(),
  /** Set when the deadline passed first; with `act`, `action` turns to act on `label`. */
  escalation: escalationRecordSchema.nullable(),
});
export type PredictionDecision = z.infer<typeof predictionDecisionSchema>;

export const predictionBatchResponseSchema = z.object({ decisions: z.array(predictionDecisionSchema) });
export type PredictionBatchResponse = z.infer<typeof predictionBatchResponseSchema>;

/** Filters shared by the list and the claim: the model version, and the label the model suggested. */
const reviewFilters = {
  modelVersion: z.string().min(1).max(200).optional(),
  label: z.coerce.number().int().min(0).optional(),
};

/** `GET /api/projects/:projectId/production-reviews?status=open` (reviewer). */
export const listProductionReviewsQuerySchema = z.strictObject({
  status: z.enum(['open', 'decided', 'expired']).default('open'),
  /** Keyset cursor: the `cursor` of the previous page. */
  after: z.string().regex(/^[0-9]{1,19}$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  ...reviewFilters,
});
export type ListProductionReviewsQuery = z.infer<typeof listProductionReviewsQuerySchema>;

export const productionReviewSchema = z.object({
  reviewId: z.uuid(),
  /** The snapshot version the model version was trained on, when its pipeline recorded it (`PUT …/routing/model-lineage`). */
  trainedOnSnapshot: z.number().int().nullable(),
  /** `expired`: the SLA deadline passed and the project's escalation acted on the model's label. */
  status: z.enum(['open', 'decided', 'expired']),
  predictionId: z.string(),
  item: z.object({ itemId: z.string().nullable(), text: z.string().nullable(), metadata: z.record(z.string(), z.unknown()) }),
  model: z.object({ name: z.string(), version: z.string() }),
  suggestedLabel: z.number().int(),
  calibratedProbs: z.array(z.number()),
  expectedCosts: z.array(z.number()),
  reasons: z.array(routeReasonSchema),
  policyVersion: z.number().int(),
  createdAt: z.string(),
  /** A live lease on the open review: whether the caller holds it, and until when. Null when free or decided. */
  lease: z.object({ mine: z.boolean(), expiresAt: z.string() }).nullable(),
  verdict: verdictSchema.nullable(),
  /** The SLA deadline (null without one), and the escalation once it passed. */
  deadline: z.string().nullable(),
  escalation: escalationRecordSchema.nullable(),
  /** `senior`: escalated past its deadline; only engineers and owners review it. */
  pool: z.enum(['reviewers', 'senior']),
});
export type ProductionReview = z.infer<typeof productionReviewSchema>;
export const productionReviewPageSchema = z.object({ reviews: z.array(productionReviewSchema), cursor: z.string().nullable() });
export type ProductionReviewPage = z.infer<typeof productionReviewPageSchema>;

/** `POST …/production-reviews/:reviewId/verdict` (reviewer): one verdict per review; `label` only with `correct`. */
export const productionVerdictRequestSchema = z
  .strictObject({ verdict: z.enum(VERDICTS), label: z.number().int().min(0).optional() })
  .refine((v) => (v.verdict === 'correct') === (v.label !== undefined), { message: 'label is required with correct, and only with it', path: ['label'] });
export type ProductionVerdictRequest = z.infer<typeof productionVerdictRequestSchema>;

/** PSI at or above this is a significant shift (the usual rule: below 0.1 none, 0.1–0.2 moderate). */
export const DRIFT_PSI_ALERT = 0.2;
/** A KS test alerts when its p-value is below this and the distributions differ by at least DRIFT_KS_MIN_STATISTIC. */
export const DRIFT_KS_ALERT_P = 0.01;
export const DRIFT_KS_MIN_STATISTIC = 0.1;
export const MONITORING_BINS = 15;

const modelRefSchema = z.strictObject({ name: z.string().min(1).max(200), version: z.string().min(1).max(200) });

/**
 * `PUT /api/projects/:projectId/routing/model-references` (engineer): what a model version was trained
 * on, for drift: its confidences (max probability) on training or validation data, the count of each label, and
 * numeric metadata fields' values. Without one, a version's first predictions are its reference.
 */
export const modelReferenceRequestSchema = z.strictObject({
  model: modelRefSchema,
  confidences: z.array(z.number().min(0).max(1)).min(10).max(100_000),
  labelCounts: z.array(z.number().int().min(0)).min(2).max(200),
  metadata: z.record(z.string().min(1).max(100), z.array(z.number()).min(10).max(100_000)).optional(),
});
export type ModelReferenceRequest = z.infer<typeof modelReferenceRequestSchema>;

/**
 * `PUT /api/projects/:projectId/routing/model-lineage` (engineer): the snapshot version a retraining job trained a
 * model version on; `GET …/routing/model-lineage?modelName=&modelVersion=` (reviewer) reads it back.
 */
export const putModelLineageRequestSchema = z.strictObject({ model: modelRefSchema, snapshotVersion: z.number().int().min(1) });
export type PutModelLineageRequest = z.infer<typeof putModelLineageRequestSchema>;
export const modelLineageQuerySchema = z.strictObject({ modelName: z.string().min(1).max(200), modelVersion: z.string().min(1).max(200) });
export type ModelLineageQuery = z.infer<typeof modelLineageQuerySchema>;
/** `snapshot` and `recordedAt` are null while no lineage was recorded for the model version. */
export interface ModelLineage {
  model: { name: string; version: string };
  snapshot: { version: number; contentHash: string; rowCount: number; completedAt: string } | null;
  recordedAt: string | null;
}

/** `GET /api/projects/:projectId/routing/monitoring?modelName=&modelVersion=&window=` (reviewer). */
export const monitoringQuerySchema = z.strictObject({
  modelName: z.string().min(1).max(200),
  modelVersion: z.string().min(1).max(200),
  /** The latest `window` predictions are the current sample (and, without an uploaded reference, the first are the reference). */
  window: z.coerce.number().int().min(10).max(100_000).default(1000),
});
export type MonitoringQuery = z.infer<typeof monitoringQuerySchema>;

/** `GET /api/projects/:projectId/routing/models` (reviewer): the model versions that posted predictions, latest seen first. */
export const MAX_LISTED_MODEL_VERSIONS = 200;
export const modelVersionListSchema = z.object({
  models: z.array(z.object({ name: z.string(), version: z.string(), predictions: z.number().int(), lastSeenAt: z.string() })),
});
export type ModelVersionList = z.infer<typeof modelVersionListSchema>;

const driftStatSchema = z.object({ psi: z.number(), ksStatistic: z.number().nullable(), ksPValue: z.number().nullable() });

export const modelMonitoringSchema = z.object({
  model: z.object({ name: z.string(), version: z.string() }),
  /** Every prediction of the version, those routed to review (escalation), and those with a verdict. */
  predictions: z.number().int(),
  escalationRate: z.number().nullable(),
  reviewed: z.number().int(),
  /** Share of verdicts that corrected the model's label or rejected the input. */
  overturnRate: z.number().nullable(),
  /**
   * Reliability of the calibrated probabilities on reviewed predictions (the verdict's label is the truth; rejected
   * inputs have none). Reviews over-sample uncertain predictions; the audit share keeps confident ones in.
   */
  calibration: z.object({
    ece: z.number().nullable(),
    bins: z.array(z.object({ lower: z.number(), upper: z.number(), count: z.number().int(), confidence: z.number().nullable(), accuracy: z.number().nullable() })),
  }),
  perClass: z.array(z.object({ label: z.number().int(), labelName: z.string(), predicted: z.number().int(), reviewed: z.number().int(), errorRate: z.number().nullable() })),
  drift: z.object({
    reference: z.enum(['uploaded', 'first-window']).nullable(),
    referenceSize: z.number().int(),
    currentSize: z.number().int(),
    confidence: driftStatSchema.nullable(),
    predictedClass: z.object({ psi: z.number() }).nullable(),
    metadata: z.array(driftStatSchema.extend({ field: z.string() })),
  }),
  alerts: z.array(z.object({ metric: z.string(), value: z.number(), threshold: z.number(), message: z.string() })),
});
export type ModelMonitoring = z.infer<typeof modelMonitoringSchema>;

// Verdict webhooks: each verdict is pushed to the project's webhook, signed with its secret, retried with backoff;
// what still fails after the last attempt waits in the dead-letter list until an engineer retries it.

/**
 * The headers of every delivery. The signature is `sha256=` + hex HMAC-SHA256, keyed by the webhook's secret, over
 * `${timestamp}.${body}`: the timestamp header's value (Unix seconds of this attempt), a dot, and the raw body.
 */
export const WEBHOOK_HEADERS = {
  event: 'x-arbiter-event',
  deliveryId: 'x-arbiter-delivery-id',
  timestamp: 'x-arbiter-timestamp',
  signature: 'x-arbiter-signature',
} as const;

/** `PUT /api/projects/:projectId/routing/webhook` (engineer): without `secret`, the server makes one. */
export const putWebhookRequestSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }).max(2000),
  /** Signs every delivery (HMAC-SHA256); at least 16 characters. */
  secret: z.string().min(16).max(200).optional(),
});
export type PutWebhookRequest = z.infer<typeof putWebhookRequestSchema>;

/** `GET …/routing/webhook`: the secret is never shown again after the PUT that set it. */
export const webhookViewSchema = z.object({
  configured: z.boolean(),
  url: z.string().nullable(),
  hasSecret: z.boolean(),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type WebhookView = z.infer<typeof webhookViewSchema>;

/** The PUT's answer: the view, and the secret once (the one sent, or the one the server made). */
export const putWebhookResponseSchema = webhookViewSchema.extend({ secret: z.string() });
export type PutWebhookResponse = z.infer<typeof putWebhookResponseSchema>;

/** The JSON body of a verdict delivery. Headers carry the delivery id, a timestamp and the signature. */
export const verdictWebhookEventSchema = z.object({
  type: z.literal('verdict'),
  deliveryId: z.uuid(),
  projectId: z.uuid(),
  /** The production service's own prediction id. */
  predictionId: z.string(),
  reviewId: z.uuid(),
  verdict: z.enum(VERDICTS),
  /** The true label (null for reject) and its name. */
  label: z.number().int().nullable(),
  labelName: z.string().nullable(),
  decidedAt: z.string(),
  model: z.object({ name: z.string(), version: z.string() }),
});
export type VerdictWebhookEvent = z.infer<typeof verdictWebhookEventSchema>;

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** `GET …/routing/webhook/deliveries?status=dead` (engineer): oldest first, keyset by `after`. */
export const listWebhookDeliveriesQuerySchema = z.strictObject({
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).default('dead'),
  after: z.string().regex(/^[0-9]{1,19}$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListWebhookDeliveriesQuery = z.infer<typeof listWebhookDeliveriesQuerySchema>;

export const WEBHOOK_EVENTS = ['verdict', 'escalation', 'alert', 'snapshot'] as const;

export const webhookDeliverySchema = z.object({
  deliveryId: z.uuid(),
  /** `verdict` and `escalation` are about a review; `alert` (monitoring) about a model version. */
  event: z.enum(WEBHOOK_EVENTS),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  reviewId: z.uuid().nullable(),
  predictionId: z.string().nullable(),
  /** The verdict a verdict delivery carries; null for the other events. */
  verdict: z.enum(VERDICTS).nullable(),
  /** Sends so far, manual retries included. */
  attempts: z.number().int(),
  /** The receiver's HTTP status of the last attempt (null when it did not answer). */
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;
export const webhookDeliveryPageSchema = z.object({ deliveries: z.array(webhookDeliverySchema), cursor: z.string().nullable() });
export type WebhookDeliveryPage = z.infer<typeof webhookDeliveryPageSchema>;

export const MAX_REVIEW_CLAIM = 50;

/**
 * `POST …/production-reviews/claim` (reviewer, signed in): renews the caller's leases on open reviews that pass the
 * filters (and releases those that do not), then claims the oldest free ones until `count` are held.
 */
export const claimProductionReviewsSchema = z.strictObject({
  count: z.number().int().min(1).max(MAX_REVIEW_CLAIM).default(10),
  modelVersion: reviewFilters.modelVersion,
  label: z.number().int().min(0).optional(),
});
export type ClaimProductionReviews = z.input<typeof claimProductionReviewsSchema>;

export const claimProductionReviewsResponseSchema = z.object({
  /** The caller's held reviews, oldest first. */
  reviews: z.array(productionReviewSchema),
  /** How long a lease lasts: claim again within it to keep what is held. */
  leaseSeconds: z.number().int(),
  /** Every open review of the project, held or not, by model version (for the filter), most first. */
  open: z.object({ total: z.number().int(), modelVersions: z.array(z.object({ version: z.string(), count: z.number().int() })) }),
});
export type ClaimProductionReviewsResponse = z.infer<typeof claimProductionReviewsResponseSchema>;
