// socket.io: the client joins a project room (membership checked) and receives live counters and progress.
import { z } from 'zod';
import { projectStatsSchema } from './project.contract';

export const SOCKET_EVENTS = {
  join: 'project:join',
  leave: 'project:leave',
  stats: 'project:stats',
  importProgress: 'import:progress',
  /** A new agreement report is stored: refetch it. */
  agreement: 'project:agreement',
} as const;

export const agreementEventSchema = z.object({ projectId: z.uuid(), computedAt: z.string() });
export type AgreementEvent = z.infer<typeof agreementEventSchema>;

export const joinProjectSchema = z.strictObject({ projectId: z.uuid() });
export type JoinProject = z.infer<typeof joinProjectSchema>;

export const joinAckSchema = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), status: z.number(), message: z.string() }),
]);
export type JoinAck = z.infer<typeof joinAckSchema>;

export const statsEventSchema = z.object({ projectId: z.uuid(), stats: projectStatsSchema });
export type StatsEvent = z.infer<typeof statsEventSchema>;

export const importProgressEventSchema = z.object({
  projectId: z.uuid(),
  importId: z.string(),
  rowsRead: z.number(),
  bytesRead: z.number(),
  done: z.boolean(),
});
export type ImportProgressEvent = z.infer<typeof importProgressEventSchema>;
