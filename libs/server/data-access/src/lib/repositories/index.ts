import { AgreementRepository } from './agreement.repository';
import { AlPoolRepository } from './al-pool.repository';
import { AlRoundRepository } from './al-round.repository';
import { AlSettingsRepository } from './al-settings.repository';
import { ApiKeyRepository } from './api-key.repository';
import { CounterRepository } from './counter.repository';
import { HealthRepository } from './health.repository';
import { HoneypotRepository } from './honeypot.repository';
import { ItemRepository } from './item.repository';
import { LfRepository } from './lf.repository';
import { ModelRepository } from './model.repository';
import { PredictionRepository } from './prediction.repository';
import { ProjectRepository } from './project.repository';
import { SelectionRepository } from './selection.repository';
import { SnapshotRowsRepository } from './snapshot-rows.repository';
import { ReplayRepository } from './replay.repository';
import { ProductionPredictionRepository } from './production-prediction.repository';
import { ProductionReviewRepository } from './production-review.repository';
import { ModelMonitoringRepository } from './model-monitoring.repository';
import { RoutingPolicyRepository } from './routing-policy.repository';
import { RoutingProposalRepository } from './routing-proposal.repository';
import { SnapshotRepository } from './snapshot.repository';
import { TaskRepository } from './task.repository';
import { UserRepository } from './user.repository';
import { WebhookRepository } from './webhook.repository';

export * from './agreement.repository';
export * from './al-pool.repository';
export * from './al-round.repository';
export * from './al-settings.repository';
export * from './api-key.repository';
export * from './counter.repository';
export * from './honeypot.repository';
export * from './item.repository';
export * from './lf.repository';
export { ModelScoresGoneError } from './model-scores';
export * from './model-monitoring.repository';
export * from './model.repository';
export * from './prediction.repository';
export * from './project.repository';
export * from './selection.repository';
export * from './snapshot-rows.repository';
export * from './replay.repository';
export * from './production-prediction.repository';
export * from './production-review.repository';
export * from './routing-policy.repository';
export * from './routing-proposal.repository';
export * from './snapshot.repository';
export * from './task.repository';
export * from './user.repository';
export * from './webhook.repository';
export { HealthRepository };
export const REPOSITORIES = [
  HealthRepository,
  CounterRepository,
  UserRepository,
  ApiKeyRepository,
  ProjectRepository,
  ItemRepository,
  TaskRepository,
  AgreementRepository,
  HoneypotRepository,
  LfRepository,
  AlSettingsRepository,
  AlRoundRepository,
  AlPoolRepository,
  ModelRepository,
  PredictionRepository,
  SelectionRepository,
  ReplayRepository,
  RoutingPolicyRepository,
  RoutingProposalRepository,
  ProductionPredictionRepository,
  ProductionReviewRepository,
  ModelMonitoringRepository,
  WebhookRepository,
  SnapshotRowsRepository,
  SnapshotRepository,
];
