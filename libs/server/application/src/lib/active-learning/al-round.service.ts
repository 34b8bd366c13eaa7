// Opening active-learning rounds, whatever asks for one: an engineer, new labels, a new label model, the schedule.
// One round is in flight per project (the database enforces it); a round whose jobs were lost (its queue write
// failed, or Redis lost its data) is closed after a minute so it cannot block the project for good. No ML here:
// the api uses this too, and the api never loads TensorFlow.js.
import { Injectable, Logger } from '@nestjs/common';
import type { AlRound, StartAlRoundJob } from '@arbiter/contracts';
import { AlRoundRepository, AlSettingsRepository, type AlRoundRow } from '@arbiter/server/data-access';
import { AlProducer } from '@arbiter/server/jobs';
import { invalid, notFound } from '../errors/arbiter.error';
import { ProjectService } from '../projects/project.service';

type Trigger = StartAlRoundJob['trigger'];

// A round still in flight with none of its jobs queued is taken as lost after this.
const LOST_ROUND_MS = 60_000;

export function toAlRound(r: AlRoundRow): AlRound {
  return {
    id: r.id,
    status: r.status,
    trigger: r.trigger,
    strategy: r.strategy,
    usedStrategy: r.usedStrategy,
    batchSize: r.batchSize,
    modelVersion: r.modelVersion,
    scored: r.scored,
    poolSize: r.poolSize,
    selected: r.selected,
    error: r.error,
    createdAt: new Date(r.createdAt).toISOString(),
    finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : null,
  };
}

@Injectable()
export class AlRoundService {
  private readonly logger = new Logger('AlRoundService');

  constructor(
    private readonly rounds: AlRoundRepository,
    private readonly settings: AlSettingsRepository,
    private readonly projects: ProjectService,
    private readonly producer: AlProducer,
  ) {}

  /**
   * Opens a round with the project's current strategy and batch size and queues its training; when one is in
   * flight already, answers that one (`opened: false`).
   */
  async start(projectId: string, trigger: Trigger): Promise<{ round: AlRound; opened: boolean }> {
    const project = await this.projects.get(projectId, 'owner');
    if (project.labelSchema.kind !== 'single') throw invalid('labelSchema.kind', 'active learning needs a single-label project');
    const settings = await this.settings.get(projectId);
    if (!settings) throw notFound('project');
    const ask = { trigger, strategy: settings.strategy, batchSize: settings.batchSize };
    let outcome = await this.rounds.open(projectId, ask);
    if ('inFlight' in outcome && (await this.lost(outcome.inFlight))) {
      await this.rounds.fail(outcome.inFlight.id, 'the round was lost before its jobs ran; a new round takes over');
      outcome = await this.rounds.open(projectId, ask);
    }
    if ('inFlight' in outcome) return { round: toAlRound(outcome.inFlight), opened: false };
    const round = outcome.opened;
    try {
      await this.producer.queueTraining(projectId, round.id);
    } catch (err) {
      await this.rounds.fail(round.id, `could not queue the round: ${(err as Error).message}`);
      throw err;
    }
    return { round: toAlRound(round), opened: true };
  }

  /** A `start-al-round` job: the trigger's setting is read again, as it may have changed since the job was queued. */
  async startTriggered(projectId: string, trigger: Trigger): Promise<{ projectId: string; roundId: string | null }> {
    const settings = await this.settings.get(projectId);
    if (!settings) return { projectId, roundId: null };
    // Multi-label projects have no rounds (the classifier is single-label); their triggers are no-ops.
    if ((await this.projects.get(projectId, 'owner')).labelSchema.kind !== 'single') return { projectId, roundId: null };
    if (trigger === 'schedule' && settings.retrain.everyMinutes === null) {
      // A schedule whose removal did not reach the queue: remove it now.
      await this.producer.schedule(projectId, null);
      return { projectId, roundId: null };
    }
    if (trigger === 'lf-change' && !settings.retrain.onLfChange) return { projectId, roundId: null };
    const { round, opened } = await this.start(projectId, trigger);
    return { projectId, roundId: opened ? round.id : null };
  }

  /** After a submission is stored: asks for a round when enough labels arrived since the last one (a cheap read). */
  afterLabels(projectId: string): void {
    this.rounds
      .labelsDue(projectId)
      .then((due) => due && this.producer.afterTrigger(projectId, 'labels'))
      .catch((err) => this.logger.warn(`active-learning trigger not checked for ${projectId}: ${err}`));
  }

  /** After a new label model (the LF set or its fit changed): a round when the project asks for one. */
  async afterLabelModel(projectId: string): Promise<void> {
    const settings = await this.settings.get(projectId);
    if (settings?.retrain.onLfChange) this.producer.afterTrigger(projectId, 'lf-change');
  }

  /** Closes an in-flight round as failed (the last attempt of one of its jobs failed). */
  async fail(roundId: string, error: string): Promise<void> {
    const round = await this.rounds.fail(roundId, error);
    if (round) this.logger.warn(`active-learning round ${roundId} of ${round.projectId} failed: ${error}`);
  }

  private async lost(round: AlRoundRow): Promise<boolean> {
    if (Date.now() - new Date(round.createdAt).getTime() < LOST_ROUND_MS) return false;
    return !(await this.producer.roundQueued(round.id));
  }
}
