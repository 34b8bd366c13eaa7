// socket.io: the client joins a project room (membership checked) and receives live counters and progress.
import { z } from 'zod';
import { roleSchema, type RouteAccess } from './common.contract';
import { lfRunSchema } from './lf.contract';
import { projectStatsSchema } from './project.contract';

export const SOCKET_EVENTS = {
  join: 'project:join',
  leave: 'project:leave',
  stats: 'project:stats',
  importProgress: 'import:progress',
  /** A new agreement report is stored: refetch it. */
  agreement: 'project:agreement',
  /** Progress of a labeling-function run (chunks and items done). */
  lfRun: 'project:lf-run',
  /** LFs, their stats or the weak labels changed: refetch them. */
  lfs: 'project:lfs',
  /** The receiver's role in a project changed (join again) or they were removed (`role: null`); they left its room. */
  access: 'project:access',
  /** An active-learning round changed status or progress (training, scoring, selecting, done). */
  alRound: 'project:al-round',
  /** A strategy replay advanced (runs done) or finished. */
  replay: 'project:al-replay',
  /** Production predictions opened reviews: reviewers claim again. Counts only (the room has annotators too). */
  productionReviews: 'project:production-reviews',
  /** A snapshot build advanced (phase, rows hashed) or finished: refetch the list. */
  snapshot: 'project:snapshot',
} as const;

/**
 * What clients may emit, each with who may (as routes declare it): the gateway handles exactly these events and
 * the authorization matrix test tries each with every kind of caller. Both answer with a JoinAck.
 */
export const SOCKET_CLIENT_EVENTS = {
  [SOCKET_EVENTS.join]: { kind: 'project', role: 'annotator', keys: 'allowed' },
  [SOCKET_EVENTS.leave]: { kind: 'signed-in', keys: 'allowed' },
} as const satisfies Record<string, RouteAccess>;
export type SocketClientEvent = keyof typeof SOCKET_CLIENT_EVENTS;

export const accessEventSchema = z.object({ projectId: z.uuid(), role: roleSchema.nullable() });
export type AccessEvent = z.infer<typeof accessEventSchema>;

export const agreementEventSchema = z.object({ projectId: z.uuid(), computedAt: z.string() });
export type AgreementEvent = z.infer<typeof agreementEventSchema>;

export const lfRunEventSchema = z.object({ projectId: z.uuid(), run: lfRunSchema });
export type LfRunEvent = z.infer<typeof lfRunEventSchema>;

export const lfsEventSchema = z.object({ projectId: z.uuid(), reason: z.enum(['changed', 'fitted']) });
export type LfsEvent = z.infer<typeof lfsEventSchema>;

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

export const productionReviewsEventSchema = z.object({ projectId: z.uuid(), opened: z.number().int() });
export type ProductionReviewsEvent = z.infer<typeof productionReviewsEventSchema>;

export const snapshotEventSchema = z.object({
  projectId: z.uuid(),
  version: z.number().int(),
  status: z.enum(['building', 'complete', 'failed']),
  phase: z.enum(['assigning', 'writing', 'hashing', 'datasheet', 'parquet']).nullable(),
  done: z.number(),
  total: z.number(),
});
export type SnapshotEvent = z.infer<typeof snapshotEventSchema>;
