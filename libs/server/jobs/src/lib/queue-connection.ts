// Chooses BullMQ's backend: Redis (the production shape) or BullMQ's PostgreSQL backend when Redis is absent.
import { createPostgresBackend, setDefaultBackendFactory, ConnectionOptions } from 'bullmq';

export interface QueueSettings {
  backend: 'redis' | 'postgres';
  redisUrl: string;
  databaseUrl: string;
  prefix: string;
}

export interface BullRootOptions {
  connection: ConnectionOptions;
  prefix: string;
}

let reconnect = true;

/**
 * For a process that is stopping: from now on a Redis connection that drops, or is down, ends instead of being
 * retried, so that closing it (and BullMQ's graceful close) does not wait for Redis to come back.
 */
export function stopReconnecting(): void {
  reconnect = false;
}

export function redisOptionsFromUrl(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // Workers block on Redis; BullMQ requires unlimited retries for them.
    maxRetriesPerRequest: null,
    // Reconnect within two seconds of Redis coming back (BullMQ's default backs off to 20 s between attempts).
    retryStrategy: (times: number) => (reconnect ? Math.min(200 * times, 2000) : null),
  };
}

/** Connection options for BullModule.forRoot; with the PostgreSQL backend it also installs the process-wide factory. */
export function bullRootOptions(s: QueueSettings): BullRootOptions {
  if (s.backend === 'postgres') {
    setDefaultBackendFactory(createPostgresBackend);
    return {
      connection: { connectionString: s.databaseUrl, migrate: true } as unknown as ConnectionOptions,
      prefix: s.prefix,
    };
  }
  return { connection: redisOptionsFromUrl(s.redisUrl), prefix: s.prefix };
}

export const QUEUE = {
  maintenance: 'maintenance',
  analysis: 'analysis',
  lf: 'lf',
  /** Active-learning rounds: opening, training, pool scoring chunks and the selection that closes a round. */
  al: 'active-learning',
  replay: 'replay',
  /** Verdict webhook deliveries, one job per delivery (per manual retry). */
  webhooks: 'webhooks',
  /** Snapshot builds, one job per snapshot (per retry). */
  snapshots: 'snapshots',
} as const;

export const JOB = {
  recountProject: 'recount-project',
  refitRouting: 'refit-routing',
  computeAgreement: 'compute-agreement',
  scheduleLf: 'schedule-lf',
  applyLfChunk: 'apply-lf-chunk',
  finishLfRun: 'finish-lf-run',
  startAlRound: 'start-al-round',
  trainModel: 'train-model',
  scoreChunk: 'score-chunk',
  selectBatch: 'select-batch',
  runReplay: 'run-replay',
  deliverWebhook: 'deliver-webhook',
  buildSnapshot: 'build-snapshot',
} as const;
