import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { ZodValidationPipe } from 'nestjs-zod';
import { APPLICATION_SERVICES, CAPACITY_OPTIONS, LF_PREVIEW_OPTIONS, PAYLOAD_LIMITS, PREDICTION_OPTIONS, payloadLimitsFrom } from '@arbiter/server/application';
import type { AppConfig } from '@arbiter/server/config';
import { DatabaseModule, databaseOptionsFor } from '@arbiter/server/data-access';
import { AL_FLOW_PRODUCER, AlProducer, AnalysisProducer, bullRootOptions, LF_FLOW_PRODUCER, LfProducer, MaintenanceProducer, QUEUE, ReplayProducer, SnapshotProducer, WebhookProducer } from '@arbiter/server/jobs';
import { ActiveLearningController } from './active-learning/active-learning.controller';
import { ReplayController } from './active-learning/replay.controller';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthThrottle } from './auth/auth-throttle';
import { UserController } from './auth/user.controller';
import { ProjectRoleGuard } from './auth/project-role.guard';
import { ErrorFilter } from './common/error.filter';
import { APP_CONFIG } from './config.token';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { SafeTextPipe } from './http/safe-text.pipe';
import { SameOriginGuard } from './http/same-origin.guard';
import { ItemController } from './items/item.controller';
import { LfController } from './lfs/lf.controller';
import { MetricsController } from './metrics/metrics.controller';
import { RoutingPolicyController } from './routing/routing-policy.controller';
import { RoutingProposalController } from './routing/routing-proposal.controller';
import { PredictionController } from './routing/prediction.controller';
import { ProductionReviewController } from './routing/production-review.controller';
import { ModelMonitoringController } from './routing/model-monitoring.controller';
import { WebhookController } from './routing/webhook.controller';
import { SnapshotController } from './snapshots/snapshot.controller';
import { ModelLineageController } from './snapshots/model-lineage.controller';
import { SnapshotEventsListener } from './realtime/snapshot-events.listener';
import { AgreementController } from './projects/agreement.controller';
import { JobController } from './projects/job.controller';
import { MemberController } from './projects/member.controller';
import { ProjectController } from './projects/project.controller';
import { AlEventsListener, AlRoundPublisher } from './realtime/al-events.listener';
import { AnalysisEventsListener } from './realtime/analysis-events.listener';
import { LfEventsListener } from './realtime/lf-events.listener';
import { ReplayEventsListener } from './realtime/replay-events.listener';
import { ProjectGateway } from './realtime/project.gateway';
import { QuickRedis } from './redis/quick-redis';
import { TaskController } from './tasks/task.controller';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forRoot(databaseOptionsFor(config, 'api')),
        BullModule.forRoot(
          bullRootOptions({
            backend: config.QUEUE_BACKEND,
            redisUrl: config.REDIS_URL,
            databaseUrl: config.DATABASE_URL,
            prefix: config.QUEUE_PREFIX,
          }),
        ),
        BullModule.registerQueue({ name: QUEUE.maintenance }, { name: QUEUE.analysis }, { name: QUEUE.lf }, { name: QUEUE.al }, { name: QUEUE.replay }, { name: QUEUE.webhooks }, { name: QUEUE.snapshots }),
        BullModule.registerFlowProducer({ name: LF_FLOW_PRODUCER }),
        BullModule.registerFlowProducer({ name: AL_FLOW_PRODUCER }),
      ],
      controllers: [
        HealthController,
        MetricsController,
        AuthController,
        UserController,
        ProjectController,
        MemberController,
        ItemController,
        TaskController,
        JobController,
        AgreementController,
        LfController,
        ActiveLearningController,
        ReplayController,
        RoutingPolicyController,
        RoutingProposalController,
        PredictionController,
        ProductionReviewController,
        ModelMonitoringController,
        WebhookController,
        SnapshotController,
        ModelLineageController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LF_PREVIEW_OPTIONS, useValue: { budgetMs: config.LF_PREVIEW_BUDGET_MS, concurrencyPerProject: config.LF_PREVIEW_CONCURRENCY } },
        { provide: PAYLOAD_LIMITS, useValue: payloadLimitsFrom(config) },
        { provide: PREDICTION_OPTIONS, useValue: { maxInFlight: config.PREDICTIONS_MAX_IN_FLIGHT } },
        { provide: CAPACITY_OPTIONS, useValue: { readingsTtlMs: config.ROUTING_READINGS_TTL_MS } },
        // Guards and pipes run in this order: the origin check before authentication, text safety before validation.
        { provide: APP_GUARD, useClass: SameOriginGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_PIPE, useClass: SafeTextPipe },
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        QuickRedis,
        AuthThrottle,
        ProjectRoleGuard,
        HealthService,
        MaintenanceProducer,
        AnalysisProducer,
        AnalysisEventsListener,
        LfEventsListener,
        LfProducer,
        AlProducer,
        AlRoundPublisher,
        AlEventsListener,
        SnapshotEventsListener,
        ReplayProducer,
        WebhookProducer,
        SnapshotProducer,
        ReplayEventsListener,
        ProjectGateway,
        ...APPLICATION_SERVICES,
      ],
    };
  }
}
