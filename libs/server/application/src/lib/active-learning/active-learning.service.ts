// Active learning as engineers and members see it: the settings (with the project's seed and its test split, the
// evaluation slice), asking for a round, the recent rounds, the model versions and the learning curve they draw.
import { Injectable } from '@nestjs/common';
import type {
  ActiveLearningSettingsView,
  AlRound,
  LearningCurve,
  ModelSummary,
  UpdateActiveLearningSettings,
} from '@arbiter/contracts';
import { AlRoundRepository, AlSettingsRepository, ModelRepository, SnapshotRepository, type ModelRow, type StoredAlSettings } from '@arbiter/server/data-access';
import { AlProducer } from '@arbiter/server/jobs';
import { ArbiterError, ErrorCode, notFound } from '../errors/arbiter.error';
import { AlRoundService, toAlRound } from './al-round.service';

const RECENT_ROUNDS = 50;

function toModelSummary(m: ModelRow): ModelSummary {
  return {
    id: m.id,
    version: m.version,
    kind: m.kind,
    backend: m.backend,
    labelCount: m.labelCount,
    trainingFingerprint: m.trainingFingerprint,
    metrics: m.metrics,
    features: m.features,
    trainingSnapshot: m.trainingSnapshot,
    createdAt: new Date(m.createdAt).toISOString(),
  };
}

@Injectable()
export class ActiveLearningService {
  constructor(
    private readonly settingsRepo: AlSettingsRepository,
    private readonly rounds: AlRoundRepository,
    private readonly models: ModelRepository,
    private readonly roundService: AlRoundService,
    private readonly producer: AlProducer,
    private readonly splits: SnapshotRepository,
  ) {}

  async settings(projectId: string): Promise<ActiveLearningSettingsView> {
    const s = await this.settingsRepo.get(projectId);
    if (!s) throw notFound('project');
    return this.view(projectId, s);
  }

  /** Stores the patch; a new schedule (or none) is handed to the queue at once. */
  async updateSettings(projectId: string, patch: UpdateActiveLearningSettings): Promise<ActiveLearningSettingsView> {
    const s = await this.settingsRepo.update(projectId, patch);
    if (!s) throw notFound('project');
    if (patch.retrain !== undefined) await this.producer.schedule(projectId, s.retrain.everyMinutes);
    return this.view(projectId, s);
  }

  /** The stored settings with the test split they are evaluated on (its ratio from the project's split settings). */
  private async view(projectId: string, s: StoredAlSettings): Promise<ActiveLearningSettingsView> {
    const [split, assigned] = await Promise.all([this.splits.splitSettings(projectId), this.splits.assignedCounts(projectId)]);
    return { ...s, testSplit: { items: assigned.test, ratio: split.ratios.test } };
  }

  /** Opens a round now; 409 AL_ROUND_IN_FLIGHT (naming it) while one is queued or running. */
  async startRound(projectId: string): Promise<AlRound> {
    const { round, opened } = await this.roundService.start(projectId, 'manual');
    if (!opened) {
      throw new ArbiterError(ErrorCode.AlRoundInFlight, `round ${round.id} is ${round.status}; one round runs at a time`, undefined, { round });
    }
    return round;
  }

  async recentRounds(projectId: string): Promise<AlRound[]> {
    return (await this.rounds.list(projectId, RECENT_ROUNDS)).map(toAlRound);
  }

  async modelVersions(projectId: string): Promise<ModelSummary[]> {
    return (await this.models.list(projectId)).map(toModelSummary);
  }

  /** Accuracy and macro-F1 on the evaluation slice against the labels each version was trained on, oldest first. */
  async curve(projectId: string): Promise<LearningCurve> {
    const models = await this.models.list(projectId);
    return {
      points: models
        .map((m) => ({
          modelVersion: m.version,
          labels: m.labelCount,
          accuracy: m.metrics.accuracy,
          macroF1: m.metrics.macroF1,
          createdAt: new Date(m.createdAt).toISOString(),
        }))
        .reverse(),
    };
  }
}
