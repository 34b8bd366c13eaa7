// Every migration, in order. Listed explicitly so builds and PGlite need no glob loading.
import { Foundation1795452000000 } from './1795452000000-foundation';
import { Agreement1795460000000 } from './1795460000000-agreement';
import { Honeypots1795470000000 } from './1795470000000-honeypots';
import { LabelingFunctions1795480000000 } from './1795480000000-labeling-functions';
import { IntegrityAndAccess1795490000000 } from './1795490000000-integrity-and-access';
import { WorkerHeartbeats1795492000000 } from './1795492000000-worker-heartbeats';
import { ActiveLearning1795500000000 } from './1795500000000-active-learning';
import { AlReplays1795501000000 } from './1795501000000-al-replays';
import { ClientEmbeddings1795502000000 } from './1795502000000-client-embeddings';
import { ModelLfs1795503000000 } from './1795503000000-model-lfs';
import { DecidedReviews1795504000000 } from './1795504000000-decided-reviews';
import { ProductionReview1795510000000 } from './1795510000000-production-review';
import { VerdictWebhooks1795511000000 } from './1795511000000-verdict-webhooks';
import { RoutingRefit1795512000000 } from './1795512000000-routing-refit';
import { ProductionReviewLeases1795513000000 } from './1795513000000-production-review-leases';
import { RoutingCapacitySla1795514000000 } from './1795514000000-routing-capacity-sla';
import { ModelMonitoring1795515000000 } from './1795515000000-model-monitoring';
import { SimilarCases1795516000000 } from './1795516000000-similar-cases';
import { WebhookEvents1795517000000 } from './1795517000000-webhook-events';
import { Snapshots1795520000000 } from './1795520000000-snapshots';

export const MIGRATIONS = [
  Foundation1795452000000,
  Agreement1795460000000,
  Honeypots1795470000000,
  LabelingFunctions1795480000000,
  IntegrityAndAccess1795490000000,
  WorkerHeartbeats1795492000000,
  ActiveLearning1795500000000,
  AlReplays1795501000000,
  ClientEmbeddings1795502000000,
  ModelLfs1795503000000,
  DecidedReviews1795504000000,
  ProductionReview1795510000000,
  VerdictWebhooks1795511000000,
  RoutingRefit1795512000000,
  ProductionReviewLeases1795513000000,
  RoutingCapacitySla1795514000000,
  ModelMonitoring1795515000000,
  SimilarCases1795516000000,
  WebhookEvents1795517000000,
  Snapshots1795520000000,
];
