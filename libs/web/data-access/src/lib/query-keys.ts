import type { ListReviewQuery, WebhookDeliveryStatus } from '@arbiter/contracts';

export const queryKeys = {
  me: ['me'] as const,
  projects: ['projects'] as const,
  project: (projectId: string) => ['projects', projectId] as const,
  members: (projectId: string) => ['projects', projectId, 'members'] as const,
  stats: (projectId: string) => ['projects', projectId, 'stats'] as const,
  annotators: (projectId: string) => ['projects', projectId, 'annotators'] as const,
  agreement: (projectId: string) => ['projects', projectId, 'agreement'] as const,
  /** Prefix of both review queues: one invalidation refreshes open and decided. */
  review: (projectId: string) => ['projects', projectId, 'review'] as const,
  reviewQueue: (projectId: string, status: ListReviewQuery['status']) => ['projects', projectId, 'review', status] as const,
  /** Prefix of the LF list and every LF's versions: one invalidation refreshes both. */
  lfs: (projectId: string) => ['projects', projectId, 'lfs'] as const,
  lfVersions: (projectId: string, lfId: string) => ['projects', projectId, 'lfs', lfId, 'versions'] as const,
  /** Prefix of everything active learning shows (settings, rounds, models, curve, replays): one invalidation catches up. */
  activeLearning: (projectId: string) => ['projects', projectId, 'active-learning'] as const,
  alSettings: (projectId: string) => ['projects', projectId, 'active-learning', 'settings'] as const,
  alRounds: (projectId: string) => ['projects', projectId, 'active-learning', 'rounds'] as const,
  alCurve: (projectId: string) => ['projects', projectId, 'active-learning', 'curve'] as const,
  models: (projectId: string) => ['projects', projectId, 'active-learning', 'models'] as const,
  alReplay: (projectId: string, replayId: string) => ['projects', projectId, 'active-learning', 'replays', replayId] as const,
  /** Prefix of the verdict webhook and its delivery lists: one invalidation refreshes them all. */
  webhook: (projectId: string) => ['projects', projectId, 'webhook'] as const,
  webhookDeliveries: (projectId: string, status: WebhookDeliveryStatus) => ['projects', projectId, 'webhook', 'deliveries', status] as const,
  /** Prefix of the routing dashboard (policy, settings, capacity, proposals, monitoring): one invalidation catches up. */
  routing: (projectId: string) => ['projects', projectId, 'routing'] as const,
  routingPolicy: (projectId: string) => ['projects', projectId, 'routing', 'policy'] as const,
  routingSettings: (projectId: string) => ['projects', projectId, 'routing', 'settings'] as const,
  routingCapacity: (projectId: string) => ['projects', projectId, 'routing', 'capacity'] as const,
  routingProposals: (projectId: string) => ['projects', projectId, 'routing', 'proposals'] as const,
  routingModels: (projectId: string) => ['projects', projectId, 'routing', 'models'] as const,
  routingMonitoring: (projectId: string, modelName: string, modelVersion: string) => ['projects', projectId, 'routing', 'monitoring', modelName, modelVersion] as const,
  /** Prefix of everything the snapshots screen shows (list, datasheets, manifests, diffs). */
  snapshots: (projectId: string) => ['projects', projectId, 'snapshots'] as const,
  snapshotList: (projectId: string) => ['projects', projectId, 'snapshots', 'list'] as const,
  snapshotDatasheet: (projectId: string, version: number) => ['projects', projectId, 'snapshots', version, 'datasheet'] as const,
  snapshotManifest: (projectId: string, version: number) => ['projects', projectId, 'snapshots', version, 'manifest'] as const,
  snapshotDiff: (projectId: string, from: number, to: number) => ['projects', projectId, 'snapshots', 'diff', from, to] as const,
  splitSettings: (projectId: string) => ['projects', projectId, 'split-settings'] as const,
  job: (projectId: string, jobId: string) => ['projects', projectId, 'jobs', jobId] as const,
};
