// GET /health: each dependency is checked at once, each with its own HEALTH_TIMEOUT_MS, so the answer comes
// quickly even while one of them hangs; it says up or down per dependency, never why (no error text, no hosts).
import { Inject, Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import type { HealthResponse } from '@arbiter/contracts';
import { HealthRepository } from '@arbiter/server/data-access';
import { QUEUE } from '@arbiter/server/jobs';
import type { AppConfig } from '@arbiter/server/config';
import { APP_CONFIG } from '../config.token';
import { QuickRedis } from '../redis/quick-redis';

type Status = 'up' | 'down';

/** A worker counts as live for this many heartbeat periods after its last one. */
const HEARTBEAT_PERIODS = 3;

function within<T>(ms: number, op: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    op(),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthRepository,
    @InjectQueue(QUEUE.maintenance) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly quickRedis: QuickRedis,
  ) {}

  async check(): Promise<HealthResponse> {
    const ms = this.config.HEALTH_TIMEOUT_MS;
    const probe = (op: () => Promise<unknown>): Promise<Status> => within(ms, op).then(() => 'up' as const, () => 'down' as const);
    const database = probe(() => this.health.ping());
    const client = this.quickRedis.client;
    const redis = client ? probe(() => client.ping()) : Promise.resolve('unused' as const);
    const workers = within(ms, () => this.health.workersSeen(HEARTBEAT_PERIODS * this.config.WORKER_HEARTBEAT_MS)).catch(() => null);
    // The queue lives on Redis or on the database: asked only while that answers, so no call piles up behind an outage.
    const queueHome = this.config.QUEUE_BACKEND === 'redis' ? redis : database;
    const queue = queueHome.then((s) => (s === 'up' ? probe(() => this.queue.getJobCounts('waiting', 'active', 'failed')) : ('down' as const)));

    const checks = { database: await database, redis: await redis, queue: await queue };
    const seen = await workers;
    const required = [checks.database, checks.queue, ...(client ? [checks.redis] : [])];
    const live = seen?.live ?? 0;
    return {
      status: required.some((s) => s !== 'up') ? 'down' : live > 0 ? 'ok' : 'degraded',
      checks: {
        database: { status: checks.database },
        redis: { status: checks.redis },
        queue: { status: checks.queue },
        workers: { status: live > 0 ? 'up' : 'down', live, lastSeenAt: seen?.lastSeenAt ?? null },
      },
      queueBackend: this.config.QUEUE_BACKEND,
      embeddedDatabase: this.config.EMBEDDED_DATABASE,
    };
  }

}
