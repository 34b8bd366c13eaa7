// Learning the routing policy (issue 10): the re-fit job's payload and the proposals it makes, each with its
// held-out evaluation against the baselines (libs/domain/routing's fitRoutingPolicy and evaluatePolicies).
import { z } from 'zod';
import { routingPolicySchema } from './routing.contract';

/**
 * Fewer decided, non-rejected reviews than this and `POST …/routing/refit` is a 409: libs/domain/routing's
 * MIN_REVIEWED_PREDICTIONS, below which fitRoutingPolicy refuses (contracts import nothing but zod).
 */
export const MIN_REFIT_REVIEWS = 100;

/**
 * The split seed of every re-fit: a prediction stays on its side (fit or held out) from one re-fit to the next,
 * so a later proposal's evaluation is never scored on verdicts an earlier one was fitted on.
 */
export const REFIT_SPLIT_SEED = 10;

export const refitRoutingJobSchema = z.strictObject({ projectId: z.uuid(), requestedBy: z.uuid().nullable() });
export type RefitRoutingJob = z.infer<typeof refitRoutingJobSchema>;

const policyCostSchema = z.object({ total: z.number(), mean: z.number(), routed: z.number().int(), routedShare: z.number() });
/** `threshold` null: above every confidence (route all), which JSON cannot write as Infinity. */
const curvePointSchema = policyCostSchema.extend({ threshold: z.number().nullable() });

export const policyEvaluationSchema = z.object({
  rows: z.number().int(),
  routeAll: policyCostSchema,
  routeNone: policyCostSchema,
  fixedThreshold: curvePointSchema,
  bestThreshold: curvePointSchema,
  atReviewCost: policyCostSchema,
  learned: policyCostSchema.extend({ temperature: z.number(), reviewPrice: z.number() }),
  /** Cost against share routed, for the dashboard's chart. */
  curves: z.object({ threshold: z.array(curvePointSchema), price: z.array(curvePointSchema) }),
});
export type PolicyEvaluationView = z.infer<typeof policyEvaluationSchema>;

export const routingProposalSchema = z.object({
  id: z.uuid(),
  /** The version whose costs were used; the proposal is it with the fitted temperature and learned reviewPrice. */
  baseVersion: z.number().int(),
  policy: routingPolicySchema,
  reviewedPredictions: z.number().int(),
  fitRows: z.number().int(),
  heldOutRows: z.number().int(),
  temperatureFit: z.object({ temperature: z.number(), nllBefore: z.number(), nllAfter: z.number() }),
  fitCost: policyCostSchema,
  /**
   * The price cheapest on the fit part, its mean out-of-fold saving per row over the review cost and that mean's
   * standard error, and whether it was adopted (saving > 2 standard errors); if not, the proposal's reviewPrice is
   * the review cost. Absent on proposals stored before the check existed.
   */
  priceCheck: z
    .object({ learnedPrice: z.number(), meanSaving: z.number(), standardError: z.number(), adopted: z.boolean(), price: z.number() })
    .optional(),
  /** Every policy on the held-out verdicts. */
  evaluation: policyEvaluationSchema,
  createdAt: z.string(),
  /** The policy version it became, once approved (or applied automatically: appliedBy null). */
  appliedVersion: z.number().int().nullable(),
  appliedBy: z.uuid().nullable(),
  appliedAt: z.string().nullable(),
});
export type RoutingProposal = z.infer<typeof routingProposalSchema>;

export const routingProposalListSchema = z.object({ proposals: z.array(routingProposalSchema) });
export type RoutingProposalList = z.infer<typeof routingProposalListSchema>;
