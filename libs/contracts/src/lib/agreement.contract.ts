// The agreement report, the review queue and the reviewer's decision.
import { z } from 'zod';
import { itemIdSchema } from './common.contract';

export const statSchema = z.object({
  value: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  /** Items behind the figure. */
  n: z.number(),
  reason: z.string().optional(),
});
export type Stat = z.infer<typeof statSchema>;

const versus = z.object({ kappa: statSchema, accuracy: statSchema });

export const agreementReportSchema = z.object({
  computedAt: z.string(),
  annotations: z.number(),
  pairableItems: z.number(),
  overall: z.object({ alpha: statSchema, fleiss: statSchema }),
  perLabel: z.array(z.object({ label: z.number(), name: z.string(), alpha: statSchema })),
  /** Annotator × annotator Cohen's kappa on the items both labeled; `n` holds those item counts. */
  matrix: z.object({
    raters: z.array(z.object({ userId: z.string(), name: z.string() })),
    kappa: z.array(z.array(z.number().nullable())),
    n: z.array(z.array(z.number())),
  }),
  annotators: z.array(
    z.object({ userId: z.string(), name: z.string(), annotations: z.number(), vsGold: versus, vsConsensus: versus }),
  ),
  consensus: z.object({ method: z.enum(['majority', 'dawid-skene']), items: z.number(), meanConfidence: z.number().nullable() }),
});
export type AgreementReport = z.infer<typeof agreementReportSchema>;

/** `GET /api/projects/:projectId/agreement`: the latest report, or none yet (a worker computes it after changes). */
export const agreementResponseSchema = z.object({ report: agreementReportSchema.nullable() });
export type AgreementResponse = z.infer<typeof agreementResponseSchema>;

export const reviewItemSchema = z.object({
  itemId: itemIdSchema,
  reason: z.enum(['disagreement', 'low_confidence']),
  status: z.enum(['open', 'decided']),
  text: z.string(),
  externalId: z.string().nullable(),
  imageUrl: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  gold: z.array(z.number()).nullable(),
  decision: z.array(z.number()).nullable(),
  decidedBy: z.object({ userId: z.string(), name: z.string() }).nullable(),
  decidedAt: z.string().nullable(),
  consensus: z.object({ labels: z.array(z.number()), confidence: z.number(), method: z.string() }).nullable(),
  /** The k labels side by side, with their annotators' names (shown to reviewers only). */
  annotations: z.array(z.object({ userId: z.string(), name: z.string(), labels: z.array(z.number()) })),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

export const listReviewQuerySchema = z.strictObject({
  status: z.enum(['open', 'decided']).default('open'),
  after: itemIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListReviewQuery = z.infer<typeof listReviewQuerySchema>;

/** Like the item pages: cut short at the byte budget (PAGE_MAX_BYTES) with `nextAfter` to continue, never empty but at the end. */
export const reviewPageSchema = z.object({
  items: z.array(reviewItemSchema),
  nextAfter: itemIdSchema.nullable(),
  /** Items in the queue with this status, across all pages. */
  total: z.number(),
});
export type ReviewPage = z.infer<typeof reviewPageSchema>;

/**
 * `POST .../review/:itemId/decision` decides an open item (409 if someone already did);
 * `PUT` revises a decided one. Either way the labels become the item's gold, with who and when.
 */
export const reviewDecisionRequestSchema = z.strictObject({ labels: z.array(z.number().int().min(0).max(199)).max(200) });
export type ReviewDecisionRequest = z.infer<typeof reviewDecisionRequestSchema>;
