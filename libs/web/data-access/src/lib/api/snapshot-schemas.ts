// Response schemas for the snapshot routes. The contract declares these responses as interfaces (the server builds
// them, the SDK trusts them); the web client checks every response, so each schema here is pinned to its interface:
// a field added to the contract and missing here fails the typecheck.
import {
  LABEL_SOURCES,
  labelPolicySchema,
  labelSourceSchema,
  SNAPSHOT_STATUSES,
  SNAPSHOT_TRIGGERS,
  type Datasheet,
  type SnapshotDiff,
  type SnapshotList,
  type SnapshotManifest,
  type SnapshotView,
  type SplitSettings,
} from '@arbiter/contracts';
import { z } from 'zod';

const perSplit = <T extends z.ZodType>(v: T) => z.object({ train: v, valid: v, test: v });
const ratios = perSplit(z.number());

export const snapshotViewSchema = z.object({
  projectId: z.string(),
  version: z.number().int(),
  status: z.enum(SNAPSHOT_STATUSES),
  trigger: z.enum(SNAPSHOT_TRIGGERS),
  note: z.string().nullable(),
  policy: labelPolicySchema,
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  rowCount: z.number().int().nullable(),
  contentHash: z.string().nullable(),
  error: z.string().nullable(),
}) satisfies z.ZodType<SnapshotView>;

export const snapshotListSchema = z.object({ snapshots: z.array(snapshotViewSchema) }) satisfies z.ZodType<SnapshotList>;

export const snapshotManifestSchema = z.object({
  projectId: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  completedAt: z.string(),
  trigger: z.enum(SNAPSHOT_TRIGGERS),
  policy: labelPolicySchema,
  split: z.object({ seed: z.number(), ratios, groupKey: z.string().nullable() }),
  labels: z.array(z.string()),
  rowCount: z.number().int(),
  contentHash: z.string(),
  splits: perSplit(z.object({ rows: z.number().int(), contentHash: z.string() })),
  columns: z.array(z.string()),
}) satisfies z.ZodType<SnapshotManifest>;

export const datasheetSchema = z.object({
  version: z.number().int(),
  rowCount: z.number().int(),
  counts: perSplit(z.record(z.string(), z.number())),
  labelDistribution: z.record(z.string(), z.number()),
  sources: z.partialRecord(z.enum(LABEL_SOURCES), z.number()),
  agreement: z.object({ mean: z.number().nullable(), rows: z.number().int() }),
  exclusions: z.object({
    unlabeled: z.number().int(),
    underAdjudication: z.number().int(),
    openDisagreement: z.number().int(),
    sourceExcluded: z.number().int(),
    weakBelowConfidence: z.number().int(),
  }),
  policy: labelPolicySchema,
}) satisfies z.ZodType<Datasheet>;

export const snapshotDiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  relabeled: z.array(z.object({ itemId: z.string(), from: z.string(), to: z.string(), fromSource: labelSourceSchema, toSource: labelSourceSchema })),
  sourceChanged: z.array(z.object({ itemId: z.string(), label: z.string(), fromSource: labelSourceSchema, toSource: labelSourceSchema })),
}) satisfies z.ZodType<SnapshotDiff>;

export const splitSettingsSchema = z.object({
  seed: z.number().int(),
  ratios,
  groupKey: z.string().nullable(),
  assigned: perSplit(z.number().int()),
}) satisfies z.ZodType<SplitSettings>;
