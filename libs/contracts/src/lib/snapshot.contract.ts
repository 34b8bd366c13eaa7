// Labeled snapshots (issue 11): immutable, versioned datasets a retraining job pulls, with the project's
// train/valid/test assignment, a content hash, a manifest and a datasheet; and the split settings behind them.
//
// Routes (all under /api/projects/:projectId):
//   GET    split-settings                    reviewer   → SplitSettings
//   PUT    split-settings                    owner      ← PutSplitSettingsRequest → SplitSettings
//   GET    snapshots                         reviewer   → SnapshotList (newest first)
//   POST   snapshots                         engineer   ← CreateSnapshotRequest → 202 SnapshotView (status building)
//   GET    snapshots/latest                  reviewer   → SnapshotView (the newest complete one; 404 when none)
//   GET    snapshots/:version                reviewer   → SnapshotView (:version is an integer, `latest`, or `t<N>` for
//                                                          the N-th snapshot an active-learning round trained on)
//   GET    snapshots/:version/manifest       reviewer   → SnapshotManifest (409 while building)
//   GET    snapshots/:version/datasheet      reviewer   → Datasheet (409 while building)
//   GET    snapshots/:version/rows           reviewer   ?split=train|valid|test|all&format=jsonl|csv|parquet&cursor=N
//          → the rows streamed, in item id order; ETag `"<hash of that split>.<format>"`; `If-None-Match` → 304;
//          `cursor` = the number of rows of this split already received (resume after a broken download).
//   POST   snapshots/:version/retry          engineer   → 202 SnapshotView (a failed or stalled build runs again)
//   GET    snapshot-settings                 reviewer   → SnapshotSettings (when snapshots are made without asking)
//   PUT    snapshot-settings                 engineer   ← SnapshotSettings → SnapshotSettings
//   GET    snapshots/diff?from=N&to=M        reviewer   → SnapshotDiff (defaults: to = latest, from = to − 1)
import { z } from 'zod';

export const SPLITS = ['train', 'valid', 'test'] as const;
export const splitSchema = z.enum(SPLITS);
export type Split = z.infer<typeof splitSchema>;

export const SNAPSHOT_FORMATS = ['jsonl', 'csv', 'parquet'] as const;
export const snapshotFormatSchema = z.enum(SNAPSHOT_FORMATS);
export type SnapshotFormat = z.infer<typeof snapshotFormatSchema>;

/** Where a row's final label comes from. */
export const LABEL_SOURCES = ['gold', 'consensus', 'review', 'production-verdict', 'weak'] as const;
export const labelSourceSchema = z.enum(LABEL_SOURCES);
export type LabelSource = z.infer<typeof labelSourceSchema>;

/** The default policy: every source but weak labels; nothing under adjudication or in open disagreement. */
export const DEFAULT_LABEL_POLICY = {
  sources: ['gold', 'consensus', 'review', 'production-verdict'] as LabelSource[],
  weakMinConfidence: 0.9,
  includeUnderAdjudication: false,
  includeOpenDisagreements: false,
};

export const labelPolicySchema = z.strictObject({
  sources: z.array(labelSourceSchema).min(1).max(LABEL_SOURCES.length).default(DEFAULT_LABEL_POLICY.sources),
  /** A weak label enters only at or above this label-model confidence. */
  weakMinConfidence: z.number().min(0).max(1).default(DEFAULT_LABEL_POLICY.weakMinConfidence),
  /** Items in the open review queue (waiting for a reviewer's decision) carry their current consensus when true. */
  includeUnderAdjudication: z.boolean().default(false),
  /** Completed items whose consensus is below the project's review threshold carry it anyway when true. */
  includeOpenDisagreements: z.boolean().default(false),
});
export type LabelPolicy = z.infer<typeof labelPolicySchema>;

/**
 * `training`: made by an active-learning round, which trains on its train and valid rows and evaluates on its test
 * gold. Numbered apart (`t1`, `t2`, … in the routes), never listed, never `latest`, no webhook: the model names it.
 */
export const SNAPSHOT_TRIGGERS = ['manual', 'schedule', 'policy', 'training'] as const;
export type SnapshotTrigger = (typeof SNAPSHOT_TRIGGERS)[number];

export const createSnapshotRequestSchema = z.strictObject({
  policy: labelPolicySchema.optional(),
  note: z.string().max(1000).optional(),
});
export type CreateSnapshotRequest = z.infer<typeof createSnapshotRequestSchema>;

export const SNAPSHOT_STATUSES = ['building', 'complete', 'failed'] as const;
export type SnapshotStatus = (typeof SNAPSHOT_STATUSES)[number];

export interface SplitCount {
  rows: number;
  /** Hex SHA-256 of this split's rows as JSONL (the rows route's bytes for format=jsonl). */
  contentHash: string;
}

export interface SnapshotView {
  projectId: string;
  version: number;
  status: SnapshotStatus;
  trigger: SnapshotTrigger;
  note: string | null;
  policy: LabelPolicy;
  createdAt: string;
  completedAt: string | null;
  /** Set when complete. */
  rowCount: number | null;
  /** Hex SHA-256 of every row as JSONL in item id order (split=all, format=jsonl), set when complete. */
  contentHash: string | null;
  error: string | null;
}

export interface SnapshotList {
  snapshots: SnapshotView[];
}

/** One row as served (JSONL line, CSV record, Parquet row). Keys in this order. */
export interface SnapshotRow {
  itemId: string;
  externalId: string | null;
  text: string;
  imageUrl: string | null;
  metadata: Record<string, unknown>;
  /** The label's name; for a multi-label project the names in label order joined with `|`. */
  label: string;
  labels: string[];
  source: LabelSource;
  /** 1 for gold, review and production verdicts; the consensus or label-model confidence otherwise. */
  confidence: number;
  /** How many annotators labeled the item, and the share of them whose labels equal the final label (null with none). */
  annotators: number;
  agreement: number | null;
  /** For a weak label: the LF versions the label model combined, and the label model's id. */
  lfVersionIds: string[] | null;
  labelModelId: string | null;
  split: Split;
}

export const SNAPSHOT_ROW_COLUMNS = [
  'itemId', 'externalId', 'text', 'imageUrl', 'metadata', 'label', 'labels', 'source', 'confidence', 'annotators',
  'agreement', 'lfVersionIds', 'labelModelId', 'split',
] as const satisfies readonly (keyof SnapshotRow)[];

export interface SnapshotManifest {
  projectId: string;
  version: number;
  createdAt: string;
  completedAt: string;
  trigger: SnapshotTrigger;
  policy: LabelPolicy;
  split: { seed: number; ratios: { train: number; valid: number; test: number }; groupKey: string | null };
  labels: string[];
  rowCount: number;
  contentHash: string;
  splits: Record<Split, SplitCount>;
  columns: readonly string[];
}

export interface Datasheet {
  version: number;
  rowCount: number;
  /** counts[split][label] */
  counts: Record<Split, Record<string, number>>;
  /** Share of rows per label. */
  labelDistribution: Record<string, number>;
  sources: Partial<Record<LabelSource, number>>;
  /** Mean agreement over rows with at least two annotators, and how many such rows. */
  agreement: { mean: number | null; rows: number };
  /** Items of the project left out, by reason. */
  exclusions: { unlabeled: number; underAdjudication: number; openDisagreement: number; sourceExcluded: number; weakBelowConfidence: number };
  policy: LabelPolicy;
}

export interface SnapshotDiff {
  from: number;
  to: number;
  added: string[];
  removed: string[];
  relabeled: { itemId: string; from: string; to: string; fromSource: LabelSource; toSource: LabelSource }[];
  /** Same label, different source. */
  sourceChanged: { itemId: string; label: string; fromSource: LabelSource; toSource: LabelSource }[];
}

export const splitRatiosSchema = z
  .strictObject({ train: z.number().min(0).max(1), valid: z.number().min(0).max(1), test: z.number().min(0).max(1) })
  .refine((r) => Math.abs(r.train + r.valid + r.test - 1) < 1e-9, { message: 'ratios must add up to 1' });

export const putSplitSettingsRequestSchema = z.strictObject({
  ratios: splitRatiosSchema.optional(),
  /** A metadata field whose value keeps a group (e.g. an author) in one split; null for none. Fixed once items are assigned. */
  groupKey: z.string().min(1).max(100).nullable().optional(),
  seed: z.number().int().min(0).max(0x7fffffff).optional(),
});
export type PutSplitSettingsRequest = z.infer<typeof putSplitSettingsRequestSchema>;

export interface SplitSettings {
  seed: number;
  ratios: { train: number; valid: number; test: number };
  groupKey: string | null;
  /** Items assigned so far, per split. */
  assigned: Record<Split, number>;
}

export const snapshotRowsQuerySchema = z.strictObject({
  split: z.enum(['train', 'valid', 'test', 'all']).default('all'),
  format: snapshotFormatSchema.default('jsonl'),
  cursor: z.coerce.number().int().min(0).default(0),
});
export type SnapshotRowsQuery = z.infer<typeof snapshotRowsQuerySchema>;

/** Without `to`, the newest complete version; without `from`, the version before `to`. */
export const snapshotDiffQuerySchema = z.strictObject({
  from: z.coerce.number().int().min(1).optional(),
  to: z.coerce.number().int().min(1).optional(),
});

/** The body of the `snapshot` webhook event (signed and retried like verdicts). */
export interface SnapshotWebhookEvent {
  event: 'snapshot';
  deliveryId: string;
  projectId: string;
  version: number;
  contentHash: string;
  rowCount: number;
  completedAt: string;
}

/**
 * When snapshots are made without anyone asking: every `everyHours` since the last one, and/or once `afterNewGold`
 * gold labels arrived since the last one while the project's agreement (Krippendorff's alpha) is at least
 * `minAgreement`. A worker looks every SNAPSHOT_SWEEP_MS; a project with a build open gets no second one.
 */
export const snapshotSettingsSchema = z.strictObject({
  everyHours: z.number().positive().max(24 * 365).nullable().default(null),
  afterNewGold: z.number().int().min(1).max(100_000_000).nullable().default(null),
  minAgreement: z.number().min(-1).max(1).nullable().default(null),
  /** The label policy of the snapshots the triggers make; the default policy when null. */
  policy: labelPolicySchema.nullable().default(null),
});
export type SnapshotSettings = z.infer<typeof snapshotSettingsSchema>;
