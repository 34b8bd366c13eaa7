// Labeling functions: their definitions and versions, the sample preview, application runs, the LF analysis
// table and the weak labels the label model produces.
import { z } from 'zod';
import { itemIdSchema } from './common.contract';

/** Labels fit the compact Int8Array vote matrix. */
export const LF_MAX_LABEL = 127;
export const LF_MAX_SOURCE_LENGTH = 100_000;
export const LF_PREVIEW_MAX_SAMPLE = 10_000;

const labelSchema = z.number().int().min(0).max(LF_MAX_LABEL);
const comparisonOpSchema = z.enum(['<', '<=', '>', '>=', '==', '!=']);

export const keywordLfSchema = z.strictObject({
  kind: z.literal('keyword'),
  keywords: z.array(z.string().trim().min(1).max(200)).min(1).max(500),
  /** `word`: a keyword equals a whitespace-separated word of the lower-cased text; `substring`: occurs anywhere in it. */
  match: z.enum(['word', 'substring']).default('word'),
  label: labelSchema,
});

export const regexLfSchema = z.strictObject({
  kind: z.literal('regex'),
  pattern: z.string().min(1).max(2000),
  // "v" still parses (older versions may carry it) and is refused by the LF library naming `flags`: the
  // linear-time engine has no set notation.
  flags: z
    .string()
    .regex(/^[imsuv]*$/, 'flags may only use i, m, s and u')
    .default(''),
  label: labelSchema,
});

export const thresholdLfSchema = z.strictObject({
  kind: z.literal('threshold'),
  /** A top-level metadata field; a missing or non-numeric value abstains. */
  field: z.string().min(1).max(200),
  op: comparisonOpSchema,
  value: z.number().finite(),
  label: labelSchema,
});

export const wordCountLfSchema = z.strictObject({
  kind: z.literal('word-count'),
  op: comparisonOpSchema,
  value: z.number().finite(),
  label: labelSchema,
});

/** `(item) => label | ABSTAIN`, or a script declaring `function lf(item)`; runs in the QuickJS sandbox. */
export const codeLfSchema = z.strictObject({
  kind: z.literal('code'),
  source: z.string().min(1).max(LF_MAX_SOURCE_LENGTH),
});

/**
 * Votes the project's model (pinned by version: its votes never change under it) where its most likely label has at
 * least `minConfidence`; with `label`, only where that label is the most likely. Items the model never scored abstain.
 */
export const modelLfSchema = z.strictObject({
  kind: z.literal('model'),
  modelVersion: z.number().int().min(1),
  minConfidence: z.number().min(0).max(1).default(0.9),
  label: labelSchema.optional(),
});

export const lfDefinitionSchema = z.discriminatedUnion('kind', [
  keywordLfSchema,
  regexLfSchema,
  thresholdLfSchema,
  wordCountLfSchema,
  codeLfSchema,
  modelLfSchema,
]);
export type LfDefinitionInput = z.input<typeof lfDefinitionSchema>;
export type LfDefinitionDto = z.infer<typeof lfDefinitionSchema>;
export const LF_KIND_NAMES = ['keyword', 'regex', 'threshold', 'word-count', 'code', 'model'] as const;
export type LfKindName = (typeof LF_KIND_NAMES)[number];

const lfNameSchema = z.string().trim().min(1).max(100);

export const createLfRequestSchema = z.strictObject({
  name: lfNameSchema,
  description: z.string().max(2000).default(''),
  enabled: z.boolean().default(true),
  definition: lfDefinitionSchema,
});
export type CreateLfRequest = z.input<typeof createLfRequestSchema>;

/** Changing `definition` makes a new version; name, description and enabled change in place. */
export const updateLfRequestSchema = z
  .strictObject({
    name: lfNameSchema.optional(),
    description: z.string().max(2000).optional(),
    enabled: z.boolean().optional(),
    definition: lfDefinitionSchema.optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), { message: 'nothing to change' });
export type UpdateLfRequest = z.input<typeof updateLfRequestSchema>;

export const lfErrorSchema = z.object({ message: z.string(), itemId: z.string().nullable() });
export type LfError = z.infer<typeof lfErrorSchema>;

export const lfVersionSchema = z.object({
  id: z.string(),
  version: z.number(),
  kind: z.enum(LF_KIND_NAMES),
  definition: lfDefinitionSchema,
  author: z.object({ userId: z.string().nullable(), name: z.string() }),
  createdAt: z.string(),
  /** Set when the LF threw, timed out or ran out of memory on some item; its votes are left out of the label model. */
  error: lfErrorSchema.nullable(),
});
export type LfVersion = z.infer<typeof lfVersionSchema>;

/** Snorkel's LFAnalysis columns for one LF version, from the latest fit; `learnedAccuracy` from the label model. */
export const lfStatsSchema = z.object({
  polarity: z.array(z.number()),
  coverage: z.number().nullable(),
  overlaps: z.number().nullable(),
  conflicts: z.number().nullable(),
  labeled: z.number(),
  correct: z.number().nullable(),
  incorrect: z.number().nullable(),
  empiricalAccuracy: z.number().nullable(),
  learnedAccuracy: z.number().nullable(),
});
export type LfStats = z.infer<typeof lfStatsSchema>;

export const lfSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  createdAt: z.string(),
  current: lfVersionSchema,
  /** Stats of the current version in the latest label-model fit; null until a fit has included it. */
  stats: lfStatsSchema.nullable(),
  /** True while items still lack this version's votes. */
  pending: z.boolean(),
});
export type Lf = z.infer<typeof lfSchema>;

export const lfRunSchema = z.object({
  id: z.uuid(),
  status: z.enum(['running', 'completed', 'failed']),
  chunksTotal: z.number(),
  chunksDone: z.number(),
  itemsTotal: z.number(),
  itemsDone: z.number(),
  /** LF versions the run applies. */
  lfVersions: z.number(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type LfRun = z.infer<typeof lfRunSchema>;

export const labelModelSummarySchema = z.object({
  id: z.string(),
  chosen: z.enum(['generative', 'majority']),
  /** Why this model: the validation comparison, or that there was no gold to compare on. */
  reason: z.string(),
  classBalance: z.array(z.number()),
  validationAccuracy: z.object({ generative: z.number(), majority: z.number(), rows: z.number() }).nullable(),
  /** Items in the fit, items with at least one vote, and the whole matrix's Snorkel summaries. */
  items: z.number(),
  covered: z.number(),
  labelCoverage: z.number().nullable(),
  labelOverlap: z.number().nullable(),
  labelConflict: z.number().nullable(),
  lfVersionIds: z.array(z.string()),
  fittedAt: z.string(),
});
export type LabelModelSummary = z.infer<typeof labelModelSummarySchema>;

/** `GET /api/projects/:projectId/lfs`: every LF with its stats, the latest label model and run. */
export const lfListResponseSchema = z.object({
  lfs: z.array(lfSchema),
  labelModel: labelModelSummarySchema.nullable(),
  run: lfRunSchema.nullable(),
});
export type LfListResponse = z.infer<typeof lfListResponseSchema>;

export const lfPreviewRequestSchema = z.strictObject({
  definition: lfDefinitionSchema,
  /** When editing a saved LF: its own votes are left out of the overlaps and conflicts. */
  lfId: z.uuid().optional(),
  sampleSize: z.number().int().min(1).max(LF_PREVIEW_MAX_SAMPLE).default(LF_PREVIEW_MAX_SAMPLE),
});
export type LfPreviewRequest = z.input<typeof lfPreviewRequestSchema>;

export const lfPreviewResponseSchema = z.object({
  /**
   * Items evaluated, which every figure below covers: the project's first `sampleSize` items in a fixed
   * pseudo-random order, gold items first; fewer when the preview's time budget ran out (`partial`).
   */
  sampled: z.number(),
  /** Items drawn for the preview (the request's `sampleSize`, or fewer in a small project). */
  sampleSize: z.number(),
  /** True when the time budget ran out before every drawn item was evaluated; `partialReason` says so in words. */
  partial: z.boolean(),
  partialReason: z.string().nullable(),
  votes: z.array(z.object({ label: z.number(), count: z.number() })),
  coverage: z.number().nullable(),
  /** Against the enabled LFs' stored votes on the same items. */
  overlaps: z.number().nullable(),
  conflicts: z.number().nullable(),
  gold: z.object({ items: z.number(), correct: z.number(), incorrect: z.number(), accuracy: z.number().nullable() }),
  examples: z.array(z.object({ itemId: itemIdSchema, text: z.string(), vote: z.number(), gold: z.number().nullable() })),
  error: lfErrorSchema.nullable(),
  elapsedMs: z.number(),
});
export type LfPreviewResponse = z.infer<typeof lfPreviewResponseSchema>;

export const weakLabelsQuerySchema = z.strictObject({
  minConfidence: z.coerce.number().min(0).max(1).default(0),
  conflict: z.enum(['true', 'false']).optional(),
  after: itemIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type WeakLabelsQuery = z.infer<typeof weakLabelsQuerySchema>;

export const weakLabelSchema = z.object({
  itemId: itemIdSchema,
  externalId: z.string().nullable(),
  text: z.string(),
  probabilities: z.array(z.number()),
  label: z.number(),
  confidence: z.number(),
  /** Two LFs voted different labels on the item: the active-learning sampler offers these to annotators. */
  conflict: z.boolean(),
  votes: z.number(),
});
export type WeakLabel = z.infer<typeof weakLabelSchema>;

export const weakLabelPageSchema = z.object({
  labelModel: labelModelSummarySchema.nullable(),
  items: z.array(weakLabelSchema),
  nextAfter: itemIdSchema.nullable(),
});
export type WeakLabelPage = z.infer<typeof weakLabelPageSchema>;
