// Job payloads carry ids only, never data or secrets.
import { z } from 'zod';

export const recountProjectJobSchema = z.strictObject({ projectId: z.uuid() });
export type RecountProjectJob = z.infer<typeof recountProjectJobSchema>;

export const jobStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: z.string(),
  progress: z.number(),
  failedReason: z.string().nullable(),
});
export type JobStatus = z.infer<typeof jobStatusSchema>;

export const computeAgreementJobSchema = z.strictObject({ projectId: z.uuid() });
export type ComputeAgreementJob = z.infer<typeof computeAgreementJobSchema>;
