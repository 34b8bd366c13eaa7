// The api's own Redis client for quick questions (the /health ping, the sign-in limit counts), when the queues run
// on Redis. It never queues a command while disconnected, so during an outage each fails at once instead of
// piling up; its outage is logged once per state change, as the `health` kind of client.
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { createLogger, type AppConfig } from '@arbiter/server/config';
import { ConnectionLog, redisOptionsFromUrl } from '@arbiter/server/jobs';
import { APP_CONFIG } from '../config.token';

@Injectable()
export class QuickRedis implements OnApplicationShutdown {
  /** Undefined when the queues run on the PostgreSQL backend (no Redis). */
  readonly client?: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.QUEUE_BACKEND !== 'redis') return;
    this.client = new Redis({ ...redisOptionsFromUrl(config.REDIS_URL), enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true });
    new ConnectionLog(createLogger('api', config.LOG_LEVEL)).watchRedis('health', this.client);
    this.client.connect().catch(() => undefined);
  }

  onApplicationShutdown(): void {
    this.client?.disconnect();
  }
}
