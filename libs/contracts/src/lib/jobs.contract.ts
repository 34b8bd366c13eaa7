// Job payloads carry ids only, never data or secrets.
import { z } from 'zod';

export const recountProjectJobSchema = z.strictObject({ projectId: z.uuid() });
export type RecountProjectJob = z.infer<typeof recountProjectJobSchema>;
