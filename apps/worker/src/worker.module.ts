import { DynamicModule, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import type { AppConfig } from '@arbiter/server/config';
import { AgreementService, AlRoundService, CapacityService, ModelMonitoringService, MonitoringAlertService, SimilarCaseService, LF_EVALUATOR_OPTIONS, LF_RUN_OPTIONS, LfEvaluator, LfRunService, ProductionReviewService, ProjectEvents, ProjectService, ProjectStatsService, REPLAY_SIMULATOR, ReplayRunService, RoutingPolicyService, RoutingRefitService, WEBHOOK_DELIVERY_OPTIONS, WebhookDeliveryService, SnapshotBuildService, SnapshotService } from '@arbiter/server/application';
import { DatabaseModule, databaseOptionsFor } from '@arbiter/server/data-access';
import { AL_FLOW_PRODUCER, AlProducer, AnalysisProducer, bullRootOptions, LF_FLOW_PRODUCER, LfProducer, QUEUE, SnapshotProducer, WebhookProducer } from '@arbiter/server/jobs';
import { AlBootstrap } from './active-learning/al-bootstrap.service';
import { AlScoringService } from './active-learning/al-scoring.service';
import { AlSelectionService } from './active-learning/al-selection.service';
import { AL_OPTIONS, AlTrainingService } from './active-learning/al-training.service';
import { MlThread } from './active-learning/ml/ml-thread';
import { HEARTBEAT_INTERVAL_MS, HeartbeatService } from './heartbeat.service';
import { SLA_SWEEP_MS, SlaSweepService } from './sla-sweep.service';
import { MONITOR_ALERT_MS, MonitoringAlertSweep } from './monitoring-alerts.service';
import { AlProcessor } from './processors/al.processor';
import { AnalysisProcessor } from './processors/analysis.processor';
import { LfProcessor } from './processors/lf.processor';
import { MaintenanceProcessor } from './processors/maintenance.processor';
import { ReplayProcessor } from './processors/replay.processor';
import { MlReplaySimulator } from './processors/replay.simulator';
import { WebhookProcessor } from './processors/webhook.processor';
import { SnapshotProcessor } from './processors/snapshot.processor';
import { SNAPSHOT_SWEEP, SnapshotSweeper } from './snapshots/snapshot-sweep.service';
import { WEBHOOK_SWEEP_MS, WebhookSweeper } from './webhooks/webhook-sweeper.service';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        DatabaseModule.forRoot(databaseOptionsFor(config, 'worker')),
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
      providers: [
        { provide: LF_RUN_OPTIONS, useValue: { chunkSize: config.LF_CHUNK_SIZE } },
        { provide: LF_EVALUATOR_OPTIONS, useValue: { sandboxThreads: config.LF_CONCURRENCY } },
        { provide: HEARTBEAT_INTERVAL_MS, useValue: config.WORKER_HEARTBEAT_MS },
        { provide: AL_OPTIONS, useValue: { chunkSize: config.AL_CHUNK_SIZE } },
        { provide: REPLAY_SIMULATOR, useClass: MlReplaySimulator },
        { provide: WEBHOOK_DELIVERY_OPTIONS, useValue: { timeoutMs: config.WEBHOOK_TIMEOUT_MS } },
        { provide: WEBHOOK_SWEEP_MS, useValue: config.WEBHOOK_SWEEP_MS },
        HeartbeatService,
        ProjectStatsService,
        ProjectEvents,
        ProjectService,
        AgreementService,
        AnalysisProducer,
        LfProducer,
        LfEvaluator,
        LfRunService,
        AlProducer,
        AlRoundService,
        AlTrainingService,
        AlScoringService,
        AlSelectionService,
        MlThread,
        AlBootstrap,
        RoutingRefitService,
        MaintenanceProcessor,
        AnalysisProcessor,
        LfProcessor,
        AlProcessor,
        ReplayRunService,
        ReplayProcessor,
        { provide: SLA_SWEEP_MS, useValue: config.SLA_SWEEP_MS },
        CapacityService,
        SimilarCaseService,
        RoutingPolicyService,
        ProductionReviewService,
        SlaSweepService,
        { provide: MONITOR_ALERT_MS, useValue: config.MONITOR_ALERT_MS },
        ModelMonitoringService,
        MonitoringAlertService,
        MonitoringAlertSweep,
        WebhookProducer,
        WebhookDeliveryService,
        WebhookProcessor,
        WebhookSweeper,
        { provide: SNAPSHOT_SWEEP, useValue: { everyMs: config.SNAPSHOT_SWEEP_MS, stallMs: config.SNAPSHOT_STALL_MS } },
        SnapshotProducer,
        SnapshotService,
        SnapshotBuildService,
        SnapshotProcessor,
        SnapshotSweeper,
      ],
    };
  }
}
