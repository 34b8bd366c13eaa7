// Job payloads carry ids only, never data or secrets.
import { z } from 'zod';
import { AL_ROUND_TRIGGERS } from './active-learning.contract';

export const recountProjectJobSchema = z.strictObject({ projectId: z.uuid() });
export type RecountProjectJob = z.infer<typeof recountProjectJobSchema>;

export const jobStatusSchema = z.object({
  /** A uuid, so an id stays unique even if Redis loses its data and BullMQ's own counter starts over. */
  id: z.uuid(),
  name: z.string(),
  state: z.string(),
  progress: z.number(),
  failedReason: z.string().nullable(),
});
export type JobStatus = z.infer<typeof jobStatusSchema>;

export const computeAgreementJobSchema = z.strictObject({ projectId: z.uuid() });
export type ComputeAgreementJob = z.infer<typeof computeAgreementJobSchema>;

/** Starts an LF run if LFs or items await votes, or refits the label model if the enabled LF set changed. */
export const scheduleLfJobSchema = z.strictObject({ projectId: z.uuid() });
export type ScheduleLfJob = z.infer<typeof scheduleLfJobSchema>;

/** One chunk of a run: every LF version of the run on the chunk's items. */
export const applyLfChunkJobSchema = z.strictObject({ projectId: z.uuid(), runId: z.uuid(), chunk: z.number().int().min(0) });
export type ApplyLfChunkJob = z.infer<typeof applyLfChunkJobSchema>;

/** The flow's parent: runs after every chunk; closes the run and fits the label model. */
export const finishLfRunJobSchema = z.strictObject({ projectId: z.uuid(), runId: z.uuid().nullable() });
export type FinishLfRunJob = z.infer<typeof finishLfRunJobSchema>;

/**
 * Asks for an active-learning round (new labels, an LF change, the schedule): opens one unless one is in flight,
 * then queues its training. Deduplicated per project, so concurrent triggers open one round.
 */
export const startAlRoundJobSchema = z.strictObject({ projectId: z.uuid(), trigger: z.enum(AL_ROUND_TRIGGERS) });
export type StartAlRoundJob = z.infer<typeof startAlRoundJobSchema>;

/** Starts (or continues) an active-learning round: train, then score the pool in chunks, then select. */
export const trainModelJobSchema = z.strictObject({ projectId: z.uuid(), roundId: z.uuid() });
export type TrainModelJob = z.infer<typeof trainModelJobSchema>;

/** One chunk of pool scoring: the round's model on the chunk's items, predictions written with COPY. */
export const scoreChunkJobSchema = z.strictObject({ projectId: z.uuid(), roundId: z.uuid(), chunk: z.number().int().min(0) });
export type ScoreChunkJob = z.infer<typeof scoreChunkJobSchema>;

/** The scoring flow's parent: runs after every chunk and selects the next batch into the queue. */
export const selectBatchJobSchema = z.strictObject({ projectId: z.uuid(), roundId: z.uuid() });
export type SelectBatchJob = z.infer<typeof selectBatchJobSchema>;

export const runReplayJobSchema = z.strictObject({ projectId: z.uuid(), replayId: z.uuid() });
export type RunReplayJob = z.infer<typeof runReplayJobSchema>;

/** Sends one webhook delivery (its row holds the body; the project's webhook, the address and secret). */
export const deliverWebhookJobSchema = z.strictObject({ projectId: z.uuid(), deliveryId: z.uuid() });
export type DeliverWebhookJob = z.infer<typeof deliverWebhookJobSchema>;

/** Builds one snapshot (its row says what); a retried or duplicate job finds it complete and returns. */
export const buildSnapshotJobSchema = z.strictObject({ projectId: z.uuid(), snapshotId: z.string().regex(/^\d+$/), version: z.number().int().min(1) });
export type BuildSnapshotJob = z.infer<typeof buildSnapshotJobSchema>;
