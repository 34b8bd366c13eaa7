// Payload parsing shared by the processors: a payload that does not match its contract is unrecoverable (a retry
// would fail the same way).
import { UnrecoverableError, type Job } from 'bullmq';

export function parse<T>(schema: { safeParse(d: unknown): { success: true; data: T } | { success: false; error: { message: string } } }, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new UnrecoverableError(`bad payload: ${parsed.error.message}`);
  return parsed.data;
}

/** Whether this failure ends the job for good (no attempt left, or unrecoverable). */
export function lastAttempt(job: Job, err: unknown): boolean {
  return err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}
