// Strategy replays as engineers ask for them: start one on the project's labeled items (checked against the budget
// here, so a request that cannot run is a 400 at once rather than a failed job later), read one, list them.
import { Injectable } from '@nestjs/common';
import { createReplaySchema, isUuid, type CreateReplay, type Replay } from '@arbiter/contracts';
import { ReplayRepository, type ReplayRow } from '@arbiter/server/data-access';
import { ReplayProducer } from '@arbiter/server/jobs';
import type { Principal } from '../auth/principal';
import { ArbiterError, ErrorCode, invalid, notFound } from '../errors/arbiter.error';
import { ProjectService } from '../projects/project.service';
import { minLabeledForBudget, REPLAY_MIN_TEST, REPLAY_TEST_SHARE } from './replay-split';

const LIST_LIMIT = 50;
// A replay still queued or running whose job is gone (Redis lost it, or stalls used up its retries) is closed
// when the next one is asked for, once it is this old (younger ones may be between their insert and enqueue).
const LOST_REPLAY_MS = 60_000;

@Injectable()
export class ReplayService {
  constructor(
    private readonly replays: ReplayRepository,
    private readonly projects: ProjectService,
    private readonly producer: ReplayProducer,
  ) {}

  async create(projectId: string, request: CreateReplay, principal: Principal): Promise<Replay> {
    const project = await this.projects.get(projectId, 'engineer');
    if (project.labelSchema.kind !== 'single') {
      throw new ArbiterError(ErrorCode.Conflict, 'a replay needs a single-label project: the simulated model predicts one label per item');
    }
    if (request.initial > request.budget) throw invalid('initial', `the initial sample (${request.initial}) is larger than the budget (${request.budget})`);
    const minItems = minLabeledForBudget(request.budget);
    const input = {
      projectId,
      classes: project.labelSchema.labels.length,
      request,
      runsTotal: request.strategies.length * request.seeds,
      minItems,
      createdBy: principal.kind === 'user' ? principal.userId : null,
    };
    let created = await this.replays.create(input);
    // The other replay finished in between, or its job is lost: try once more.
    if (created.outcome === 'busy' && (!created.active || (await this.closeIfLost(created.active)))) created = await this.replays.create(input);
    switch (created.outcome) {
      case 'too-few':
        throw invalid(
          'budget',
          `the project has ${created.labeled} labeled items (gold or consensus); a budget of ${request.budget} needs at least ${minItems}: ` +
            `the budget in the pool plus a held-out test set of ${Math.round(REPLAY_TEST_SHARE * 100)}% (at least ${REPLAY_MIN_TEST} items)`,
        );
      case 'busy':
        throw new ArbiterError(
          ErrorCode.Conflict,
          `a replay is already ${created.active?.status ?? 'running'} for this project (${created.active?.id ?? 'just finishing'}); wait for it to finish`,
          undefined,
          created.active ? { replayId: created.active.id } : undefined,
        );
      case 'created':
        break;
    }
    try {
      await this.producer.enqueue(projectId, created.replay.id);
    } catch (err) {
      await this.replays.finish(created.replay.id, { error: `could not queue the replay: ${(err as Error).message}` });
      throw err;
    }
    return toReplay(created.replay);
  }

  async get(projectId: string, replayId: string): Promise<Replay> {
    if (!isUuid(replayId)) throw notFound('replay');
    const row = await this.replays.get(projectId, replayId);
    if (!row) throw notFound('replay');
    return toReplay(row);
  }

  async list(projectId: string): Promise<{ replays: Replay[] }> {
    return { replays: (await this.replays.list(projectId, LIST_LIMIT)).map(toReplay) };
  }

  private async closeIfLost(active: ReplayRow): Promise<boolean> {
    if (Date.now() - new Date(active.createdAt).getTime() < LOST_REPLAY_MS || (await this.producer.pending(active.id))) return false;
    return !!(await this.replays.finish(active.id, { error: 'the replay stopped: its job was lost or gave up after repeated worker crashes' }));
  }
}

/** The contract's view of a stored replay. */
export function toReplay(row: ReplayRow): Replay {
  return {
    id: row.id,
    status: row.status,
    request: createReplaySchema.parse(row.request),
    runsDone: row.runsDone,
    runsTotal: row.runsTotal,
    results: row.results,
    labelsToReach: row.labelsToReach,
    error: row.error,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
