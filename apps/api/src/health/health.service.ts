import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import type { HealthResponse } from '@arbiter/contracts';
import { HealthRepository } from '@arbiter/server/data-access';
import { QUEUE, redisOptionsFromUrl } from '@arbiter/server/jobs';
import { APP_CONFIG } from '../config.token';
import type { AppConfig } from '@arbiter/server/config';

type Check = HealthResponse['checks']['database'];

async function probe(fn: () => Promise<unknown>): Promise<Check> {
  try {
    await fn();
    return { status: 'up' };
  } catch (err) {
    return { status: 'down', detail: (err as Error).message };
  }
}

@Injectable()
export class HealthService implements OnApplicationShutdown {
  private redis?: Redis;

  constructor(
    private readonly health: HealthRepository,
    @InjectQueue(QUEUE.maintenance) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check(): Promise<HealthResponse> {
    const database = await probe(() => this.health.ping());
    const queue = await probe(() => this.queue.getJobCounts('waiting', 'active', 'failed'));
    const redis: Check =
      this.config.QUEUE_BACKEND === 'redis'
        ? await probe(async () => {
            this.redis ??= new Redis({ ...redisOptionsFromUrl(this.config.REDIS_URL), maxRetriesPerRequest: 1, lazyConnect: true });
            const pong = await this.redis.ping();
            if (pong !== 'PONG') throw new Error(`unexpected reply ${pong}`);
          })
        : { status: 'down', detail: 'not configured: queues run on the PostgreSQL backend' };
    const required = [database, queue, ...(this.config.QUEUE_BACKEND === 'redis' ? [redis] : [])];
    return {
      status: required.every((c) => c.status === 'up') ? 'ok' : 'degraded',
      checks: { database, redis, queue },
      queueBackend: this.config.QUEUE_BACKEND,
      embeddedDatabase: this.config.EMBEDDED_DATABASE,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis?.disconnect();
  }
}
