import { DynamicModule, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import type { AppConfig } from '@arbiter/server/config';
import { AgreementService, LF_EVALUATOR_OPTIONS, LF_RUN_OPTIONS, LfEvaluator, LfRunService, ProjectEvents, ProjectService, ProjectStatsService, REPLAY_SIMULATOR, ReplayRunService } from '@arbiter/server/application';
import { DatabaseModule, databaseOptionsFor } from '@arbiter/server/data-access';
import { AnalysisProducer, bullRootOptions, LF_FLOW_PRODUCER, LfProducer, QUEUE } from '@arbiter/server/jobs';
import { HEARTBEAT_INTERVAL_MS, HeartbeatService } from './heartbeat.service';
import { AnalysisProcessor } from './processors/analysis.processor';
import { LfProcessor } from './processors/lf.processor';
import { MaintenanceProcessor } from './processors/maintenance.processor';
import { ReplayProcessor } from './processors/replay.processor';
import { MlReplaySimulator } from './processors/replay.simulator';

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
        BullModule.registerQueue({ name: QUEUE.maintenance }, { name: QUEUE.analysis }, { name: QUEUE.lf }, { name: QUEUE.replay }),
        BullModule.registerFlowProducer({ name: LF_FLOW_PRODUCER }),
      ],
      providers: [
        { provide: LF_RUN_OPTIONS, useValue: { chunkSize: config.LF_CHUNK_SIZE } },
        { provide: LF_EVALUATOR_OPTIONS, useValue: { sandboxThreads: config.LF_CONCURRENCY } },
        { provide: HEARTBEAT_INTERVAL_MS, useValue: config.WORKER_HEARTBEAT_MS },
        { provide: REPLAY_SIMULATOR, useClass: MlReplaySimulator },
        HeartbeatService,
        ProjectStatsService,
        ProjectEvents,
        ProjectService,
        AgreementService,
        AnalysisProducer,
        LfProducer,
        LfEvaluator,
        LfRunService,
        MaintenanceProcessor,
        AnalysisProcessor,
        LfProcessor,
        ReplayRunService,
        ReplayProcessor,
      ],
    };
  }
}
