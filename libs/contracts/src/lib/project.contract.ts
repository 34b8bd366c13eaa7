import { z } from 'zod';
import { memberRoleSchema, roleSchema } from './common.contract';

export const labelDefSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  hotkey: z
    .string()
    .regex(/^[a-z0-9]$/, 'a single lower-case letter or digit')
    .optional(),
  description: z.string().max(2000).optional(),
});
export type LabelDef = z.infer<typeof labelDefSchema>;

export const labelSchemaSchema = z
  .strictObject({
    kind: z.enum(['single', 'multi']),
    labels: z.array(labelDefSchema).min(2).max(200),
  })
  .superRefine((s, ctx) => {
    const seen = new Map<string, number>();
    const keys = new Map<string, number>();
    s.labels.forEach((l, i) => {
      const n = l.name.toLowerCase();
      if (seen.has(n)) ctx.addIssue({ code: 'custom', path: ['labels', i, 'name'], message: `duplicate label name "${l.name}"` });
      seen.set(n, i);
      if (l.hotkey !== undefined) {
        if (keys.has(l.hotkey)) ctx.addIssue({ code: 'custom', path: ['labels', i, 'hotkey'], message: `hotkey "${l.hotkey}" is already used` });
        keys.set(l.hotkey, i);
      }
    });
  });
export type LabelSchema = z.infer<typeof labelSchemaSchema>;

export const CONSENSUS_METHODS = ['majority', 'dawid-skene'] as const;

/** How items are labeled and settled: k annotators for all items or a fraction, consensus method, review threshold. */
const policyFields = {
  /** Share of items that get `overlap` annotators (the rest get one): 0.1 measures agreement cheaply. */
  overlapFraction: z.number().gt(0).max(1),
  consensusMethod: z.enum(CONSENSUS_METHODS),
  /** Items whose consensus confidence is below this go to review, as do items whose annotators disagree. */
  reviewThreshold: z.number().min(0).max(1),
  /** Share of each annotator's tasks that are gold checks (items with known labels), outside the overlap slots. */
  goldShare: z.number().min(0).max(0.5),
  /** An annotator whose accuracy on gold checks falls below this is paused (null: never). */
  minGoldAccuracy: z.number().min(0).max(1).nullable(),
  /** Checks answered before the accuracy can pause anyone. */
  minGoldAnswers: z.number().int().min(1).max(1000),
  /** How long after submitting an annotator may still undo it (0: never); never once a reviewer decided the item. */
  undoWindowSeconds: z.number().int().min(0).max(604_800),
  /** Whether a reviewer may adjudicate an item they labeled themselves. */
  allowSelfReview: z.boolean(),
  /** Whether owner API keys may manage members and mint keys (never of a higher role than their own). */
  keysManageAccess: z.boolean(),
};

export const createProjectRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).default(''),
  guidelines: z.string().max(100_000).default(''),
  labelSchema: labelSchemaSchema,
  overlap: z.number().int().min(1).max(50).default(1),
  leaseSeconds: z.number().int().min(5).max(86_400).default(900),
  overlapFraction: policyFields.overlapFraction.default(1),
  consensusMethod: policyFields.consensusMethod.default('majority'),
  reviewThreshold: policyFields.reviewThreshold.default(0),
  goldShare: policyFields.goldShare.default(0),
  minGoldAccuracy: policyFields.minGoldAccuracy.default(null),
  minGoldAnswers: policyFields.minGoldAnswers.default(5),
  undoWindowSeconds: policyFields.undoWindowSeconds.default(600),
  allowSelfReview: policyFields.allowSelfReview.default(false),
  keysManageAccess: policyFields.keysManageAccess.default(false),
});
export type CreateProjectRequest = z.infer<typeof createProjectRequestSchema>;

/** Labels may be appended and described, never removed or reordered: their positions are the ids stored. */
export const updateProjectRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(5000).optional(),
  guidelines: z.string().max(100_000).optional(),
  labelSchema: labelSchemaSchema.optional(),
  leaseSeconds: z.number().int().min(5).max(86_400).optional(),
  consensusMethod: policyFields.consensusMethod.optional(),
  reviewThreshold: policyFields.reviewThreshold.optional(),
  goldShare: policyFields.goldShare.optional(),
  minGoldAccuracy: policyFields.minGoldAccuracy.optional(),
  minGoldAnswers: policyFields.minGoldAnswers.optional(),
  undoWindowSeconds: policyFields.undoWindowSeconds.optional(),
  allowSelfReview: policyFields.allowSelfReview.optional(),
  keysManageAccess: policyFields.keysManageAccess.optional(),
});
export type UpdateProjectRequest = z.infer<typeof updateProjectRequestSchema>;

export const projectSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  guidelines: z.string(),
  labelSchema: labelSchemaSchema,
  overlap: z.number(),
  leaseSeconds: z.number(),
  overlapFraction: z.number(),
  consensusMethod: z.enum(CONSENSUS_METHODS),
  reviewThreshold: z.number(),
  goldShare: z.number(),
  minGoldAccuracy: z.number().nullable(),
  minGoldAnswers: z.number(),
  undoWindowSeconds: z.number(),
  allowSelfReview: z.boolean(),
  keysManageAccess: z.boolean(),
  /** Length of the client vectors imported with `embeddingField`, fixed by the first such import; null before it. */
  embeddingDim: z.number().int().nullable(),
  createdAt: z.string(),
  myRole: roleSchema,
});
export type Project = z.infer<typeof projectSchema>;

export const addMemberRequestSchema = z.strictObject({
  email: z.email(),
  role: memberRoleSchema,
});
export type AddMemberRequest = z.infer<typeof addMemberRequestSchema>;

export const memberSchema = z.object({
  userId: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: memberRoleSchema,
});
export type Member = z.infer<typeof memberSchema>;

export const projectStatsSchema = z.object({
  items: z.number(),
  /** By annotations received: none yet (leased items included), some but fewer than k, or k. */
  byStatus: z.object({ new: z.number(), in_progress: z.number(), completed: z.number() }),
  annotations: z.number(),
  byAnnotator: z.array(z.object({ userId: z.string(), name: z.string(), count: z.number() })),
  byLabel: z.array(z.object({ label: z.number(), name: z.string(), count: z.number() })),
});
export type ProjectStats = z.infer<typeof projectStatsSchema>;

/** `GET /api/projects/:projectId/annotators` (owner): each member's output and running accuracy on gold checks. */
export const annotatorQualitySchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: memberRoleSchema,
  annotations: z.number(),
  checks: z.object({ answered: z.number(), correct: z.number(), accuracy: z.number().nullable() }),
  paused: z.boolean(),
});
export type AnnotatorQuality = z.infer<typeof annotatorQualitySchema>;
