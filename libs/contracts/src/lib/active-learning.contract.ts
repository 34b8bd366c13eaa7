// Active learning: the project's strategy and retraining policy, the model versions (each measured on the gold
// items of the project's test split, the evaluation slice), the selection rounds that refill the annotation queue,
// the learning curve, and replays that re-run the loop on the project's own labeled items to compare strategies.
import { z } from 'zod';

/** The names `libs/domain/sampling` implements (contracts import only zod, so they are listed again here). */
export const AL_STRATEGIES = ['random', 'least-confidence', 'margin', 'entropy', 'k-center', 'kmeans-pp', 'hybrid', 'lf-disagreement'] as const;
export const alStrategySchema = z.enum(AL_STRATEGIES);
export type AlStrategy = z.infer<typeof alStrategySchema>;

/** Strategies a replay can compare: every one that needs only texts and labels. */
export const REPLAY_STRATEGIES = ['random', 'least-confidence', 'margin', 'entropy', 'k-center', 'kmeans-pp', 'hybrid'] as const;

export const MODEL_KINDS = ['logreg', 'mlp'] as const;
export const modelKindSchema = z.enum(MODEL_KINDS);
export type ModelKind = z.infer<typeof modelKindSchema>;

export const activeLearningSettingsSchema = z.strictObject({
  strategy: alStrategySchema,
  /** Items selected per round. */
  batchSize: z.number().int().min(1).max(1000),
  /** Hybrid's candidate pool (top M by margin); null = 10 · batchSize. */
  topM: z.number().int().min(1).max(100_000).nullable(),
  modelKind: modelKindSchema,
  /** Below this many training labels, uncertainty strategies pick by diversity alone (k-means++). */
  warmUpLabels: z.number().int().min(0).max(1_000_000),
  retrain: z.strictObject({
    /** Start a round after this many new labels since the last model; null = never for this reason. */
    afterNewLabels: z.number().int().min(1).max(1_000_000).nullable(),
    /** Start a round when the LF set or the label model changes. */
    onLfChange: z.boolean(),
    /** Start a round on this schedule; null = no schedule. */
    everyMinutes: z.number().int().min(5).max(7 * 24 * 60).nullable(),
  }),
  /** Train on the label model's weak labels too, each weighted this much (0 < w < 1); null = gold and consensus only. */
  weakLabelWeight: z.number().gt(0).lt(1).nullable(),
  /** Only weak labels at least this confident are used. */
  weakLabelMinConfidence: z.number().min(0).max(1),
});
export type ActiveLearningSettings = z.infer<typeof activeLearningSettingsSchema>;

export const DEFAULT_ACTIVE_LEARNING_SETTINGS: ActiveLearningSettings = {
  strategy: 'hybrid',
  batchSize: 50,
  topM: null,
  modelKind: 'logreg',
  warmUpLabels: 0,
  retrain: { afterNewLabels: 50, onLfChange: true, everyMinutes: null },
  weakLabelWeight: null,
  weakLabelMinConfidence: 0.9,
};

/**
 * `GET /api/projects/:projectId/active-learning/settings`: the settings, the project's active-learning seed (drawn
 * at random once per project and never changed; it seeds training and selection), and the evaluation slice: the
 * project's test split (`GET/PUT …/split-settings`), whose items are never trained on or selected, and whose gold
 * items measure every model version.
 */
export const activeLearningSettingsViewSchema = activeLearningSettingsSchema.extend({
  seed: z.number().int(),
  testSplit: z.object({
    /** Items assigned to the test split so far (an item gets its split when it is first labeled). */
    items: z.number().int(),
    /** The test split's share of newly labeled items. */
    ratio: z.number(),
  }),
});
export type ActiveLearningSettingsView = z.infer<typeof activeLearningSettingsViewSchema>;

/** `PATCH /api/projects/:projectId/active-learning/settings`: any subset; `retrain` is replaced as a whole. */
export const updateActiveLearningSettingsSchema = activeLearningSettingsSchema.partial();
export type UpdateActiveLearningSettings = z.infer<typeof updateActiveLearningSettingsSchema>;

export const modelMetricsSchema = z.object({
  /** On the evaluation slice (the gold items of the test split); null when the slice is empty. */
  accuracy: z.number().nullable(),
  macroF1: z.number().nullable(),
  evaluationItems: z.number().int(),
  /** Expected calibration error on the model's validation slice, before and after temperature scaling. */
  eceBefore: z.number().nullable(),
  eceAfter: z.number().nullable(),
  temperature: z.number(),
});
export type ModelMetrics = z.infer<typeof modelMetricsSchema>;

/** What a model version was trained on beside the hashed TF-IDF of the text, and where its embeddings came from. */
export const modelFeaturesSchema = z.object({
  /** The client vectors' dimension when the classifier took them (L2-normalised) beside TF-IDF; else null. */
  clientVectorDim: z.number().int().nullable(),
  /** The embedding the diversity strategies used: the client's vectors, the LSA of TF-IDF, or none (pool too small). */
  embedding: z.enum(['client', 'lsa', 'none']),
  /** Why the project's client vectors were left out (e.g. some items have none); null when used or absent. */
  clientVectorsIgnored: z.string().nullable(),
});
export type ModelFeatures = z.infer<typeof modelFeaturesSchema>;

export const modelSummarySchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  kind: modelKindSchema,
  /** The TF.js backend that trained it: `tensorflow` (native) or `wasm`. */
  backend: z.string(),
  /** Training labels behind this version (the learning curve's x). */
  labelCount: z.number().int(),
  /** Hash of the training rows (item id, label, weight): two versions with the same fingerprint saw the same data. */
  trainingFingerprint: z.string(),
  metrics: modelMetricsSchema,
  /** Null for versions trained before features were recorded. */
  features: modelFeaturesSchema.nullable(),
  /**
   * Lineage: the snapshot of its round, `t<N>` in the snapshot routes (`GET …/snapshots/t3/rows`): trained on its train
   * and valid rows, evaluated on its test gold. Null for versions trained before snapshots.
   */
  trainingSnapshot: z.string().nullable(),
  createdAt: z.string(),
});
export type ModelSummary = z.infer<typeof modelSummarySchema>;

export const modelListSchema = z.object({ models: z.array(modelSummarySchema) });
export type ModelList = z.infer<typeof modelListSchema>;

export const AL_ROUND_STATUSES = ['queued', 'training', 'scoring', 'selecting', 'done', 'failed'] as const;
export const AL_ROUND_TRIGGERS = ['manual', 'labels', 'lf-change', 'schedule'] as const;

export const alRoundSchema = z.object({
  id: z.uuid(),
  status: z.enum(AL_ROUND_STATUSES),
  trigger: z.enum(AL_ROUND_TRIGGERS),
  /** The project's strategy when the round started, and the one that chose (k-means++ on a cold start or warm-up). */
  strategy: alStrategySchema,
  usedStrategy: alStrategySchema.nullable(),
  batchSize: z.number().int(),
  modelVersion: z.number().int().nullable(),
  /** Pool items scored so far and in total (progress while `scoring`). */
  scored: z.number().int(),
  poolSize: z.number().int(),
  selected: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type AlRound = z.infer<typeof alRoundSchema>;

export const alRoundListSchema = z.object({ rounds: z.array(alRoundSchema) });
export type AlRoundList = z.infer<typeof alRoundListSchema>;

export const learningCurveSchema = z.object({
  points: z.array(
    z.object({ modelVersion: z.number().int(), labels: z.number().int(), accuracy: z.number().nullable(), macroF1: z.number().nullable(), createdAt: z.string() }),
  ),
});
export type LearningCurve = z.infer<typeof learningCurveSchema>;

/** Why the annotation queue served an item: the round's strategy and the item's score under it. */
export const selectionReasonSchema = z.object({ strategy: alStrategySchema, score: z.number().nullable(), rank: z.number().int(), modelVersion: z.number().int().nullable() });
export type SelectionReason = z.infer<typeof selectionReasonSchema>;

/** `POST /api/projects/:projectId/active-learning/replays`. */
export const createReplaySchema = z.strictObject({
  strategies: z.array(z.enum(REPLAY_STRATEGIES)).min(1).max(REPLAY_STRATEGIES.length),
  seeds: z.number().int().min(1).max(10).default(3),
  initial: z.number().int().min(1).max(10_000).default(16),
  batch: z.number().int().min(1).max(1000).default(50),
  budget: z.number().int().min(2).max(100_000),
});
export type CreateReplay = z.infer<typeof createReplaySchema>;

export const replaySchema = z.object({
  id: z.uuid(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  request: createReplaySchema,
  runsDone: z.number().int(),
  runsTotal: z.number().int(),
  /** One per strategy and seed, as `npm run al:simulate` writes them. */
  results: z.array(
    z.object({ strategy: z.string(), seed: z.number().int(), fullAccuracy: z.number(), points: z.array(z.object({ labels: z.number().int(), accuracy: z.number() })) }),
  ),
  /** Mean labels to reach 95% / 98% of full-data accuracy per strategy (null: not reached within the budget). */
  labelsToReach: z.record(z.string(), z.object({ p95: z.number().nullable(), p98: z.number().nullable() })),
  error: z.string().nullable(),
  createdAt: z.string(),
});
export type Replay = z.infer<typeof replaySchema>;

export const alRoundEventSchema = z.object({ projectId: z.uuid(), round: alRoundSchema });
export type AlRoundEvent = z.infer<typeof alRoundEventSchema>;
export const replayEventSchema = z.object({ projectId: z.uuid(), replay: replaySchema });
export type ReplayEvent = z.infer<typeof replayEventSchema>;
