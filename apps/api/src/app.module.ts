import { DynamicModule, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import type { AppConfig } from '@arbiter/server/config';
import { DatabaseModule } from '@arbiter/server/data-access';
import { bullRootOptions, QUEUE } from '@arbiter/server/jobs';
import { APP_CONFIG } from './config.token';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { MetricsController } from './metrics/metrics.controller';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forRoot({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE }),
        BullModule.forRoot(
          bullRootOptions({
            backend: config.QUEUE_BACKEND,
            redisUrl: config.REDIS_URL,
            databaseUrl: config.DATABASE_URL,
            prefix: config.QUEUE_PREFIX,
          }),
        ),
        BullModule.registerQueue({ name: QUEUE.maintenance }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [{ provide: APP_CONFIG, useValue: config }, HealthService],
    };
  }
}
