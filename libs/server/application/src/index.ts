export * from './lib/active-learning/active-learning.service';
export * from './lib/active-learning/al-round.service';
export * from './lib/active-learning/replay-run.service';
export * from './lib/active-learning/replay.service';
export * from './lib/agreement/agreement.service';
export * from './lib/auth/auth.service';
export * from './lib/auth/principal';
export * from './lib/errors/arbiter.error';
export * from './lib/ingest/export.service';
export * from './lib/ingest/ingest.service';
export * from './lib/ingest/item-query.service';
export { PAYLOAD_LIMITS, payloadLimitsFrom, type PayloadLimits } from './lib/ingest/payload-limits';
export * from './lib/lf/lf-evaluator';
export * from './lib/lf/lf-preview-gate';
export * from './lib/lf/lf-run.service';
export * from './lib/lf/lf.service';
export * from './lib/project-stats.service';
export * from './lib/projects/project-events';
export * from './lib/projects/project.service';
export * from './lib/tasks/task.service';

import { ActiveLearningService } from './lib/active-learning/active-learning.service';
import { AlRoundService } from './lib/active-learning/al-round.service';
import { ReplayService } from './lib/active-learning/replay.service';
import { AgreementService } from './lib/agreement/agreement.service';
import { AuthService } from './lib/auth/auth.service';
import { ExportService } from './lib/ingest/export.service';
import { IngestService } from './lib/ingest/ingest.service';
import { ItemQueryService } from './lib/ingest/item-query.service';
import { LfEvaluator } from './lib/lf/lf-evaluator';
import { LfRunService } from './lib/lf/lf-run.service';
import { LfService } from './lib/lf/lf.service';
import { ProjectStatsService } from './lib/project-stats.service';
import { ProjectEvents } from './lib/projects/project-events';
import { ProjectService } from './lib/projects/project.service';
import { TaskService } from './lib/tasks/task.service';

/** Every application service, for a module's providers. */
export const APPLICATION_SERVICES = [AuthService, ProjectService, ProjectStatsService, ProjectEvents, TaskService, IngestService, ExportService, ItemQueryService, AgreementService, LfEvaluator, LfService, LfRunService, AlRoundService, ActiveLearningService, ReplayService];
