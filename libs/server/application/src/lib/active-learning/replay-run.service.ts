// The worker side of a strategy replay: split the frozen labeled items into a pool and a held-out test set, run
// the simulated active-learning loop for each strategy and seed one after another (the machine's cores go to the
// model), store each result as it finishes, and close with labels-to-reach per strategy. A retried job skips the
// runs already stored. The simulation itself (the model, in libs/ml) is injected by the worker: this library never
// loads TensorFlow.js, so the api that shares it does not either.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createReplaySchema, REPLAY_STRATEGIES } from '@arbiter/contracts';
import { summariseCurves } from '@arbiter/domain/sampling';
import { ReplayRepository, type ReplayResultRow, type ReplayRow } from '@arbiter/server/data-access';
import { minLabeledForBudget, splitForReplay } from './replay-split';

export type ReplayStrategy = (typeof REPLAY_STRATEGIES)[number];

/** One simulated run, as `simulate` in libs/ml takes it. */
export interface ReplaySimulation {
  train: { texts: string[]; labels: number[] };
  test: { texts: string[]; labels: number[] };
  strategy: ReplayStrategy;
  seed: number;
  initial: number;
  batch: number;
  budget: number;
}

export interface ReplaySimulator {
  simulate(input: ReplaySimulation): Promise<ReplayResultRow>;
}

/** Provided by the worker (an adapter over libs/ml's `simulate`). */
export const REPLAY_SIMULATOR = Symbol('REPLAY_SIMULATOR');

// Every replay splits with the same seed: the split depends only on the frozen items, so a retry sees the same one.
const SPLIT_SEED = 20_260_501;
const FRACTIONS = [0.95, 0.98];

export interface ReplayRunOutcome {
  projectId: string | null;
  replayId: string;
  status: ReplayRow['status'] | 'gone';
}

class ReplayInputError extends Error {}

/**
 * Thrown by a simulator that was stopped from outside (the worker is shutting down): the run is not a failure and
 * is not stored; the job goes back to the queue and the next worker resumes from the runs already stored.
 */
export class ReplayInterruptedError extends Error {
  constructor() {
    super('the replay was interrupted: its worker is stopping');
    this.name = 'ReplayInterruptedError';
  }
}

@Injectable()
export class ReplayRunService {
  private readonly logger = new Logger('ReplayRunService');

  constructor(
    private readonly replays: ReplayRepository,
    @Inject(REPLAY_SIMULATOR) private readonly simulator: ReplaySimulator,
  ) {}

  /**
   * Runs what is left of the replay. A failure is rethrown for the queue to retry, except on the job's last attempt
   * (or when the input cannot work), where the replay is closed as failed with the reason. An interruption is
   * always rethrown, never recorded.
   */
  async run(replayId: string, opts: { finalAttempt: boolean; onProgress?: (replay: ReplayRow) => Promise<void> }): Promise<ReplayRunOutcome> {
    const started = await this.replays.start(replayId);
    if (!started) {
      const row = await this.replays.byId(replayId);
      return { projectId: row?.projectId ?? null, replayId, status: row?.status ?? 'gone' };
    }
    await opts.onProgress?.(started);
    try {
      const finished = await this.runStarted(started, opts.onProgress);
      return { projectId: started.projectId, replayId, status: finished?.status ?? 'gone' };
    } catch (err) {
      if (err instanceof ReplayInterruptedError || (!opts.finalAttempt && !(err instanceof ReplayInputError))) throw err;
      this.logger.warn(`replay ${replayId} of ${started.projectId} failed: ${(err as Error).message}`);
      const failed = await this.replays.finish(replayId, { error: (err as Error).message });
      return { projectId: started.projectId, replayId, status: failed?.status ?? 'failed' };
    }
  }

  private async runStarted(replay: ReplayRow, onProgress?: (replay: ReplayRow) => Promise<void>): Promise<ReplayRow | null> {
    const request = createReplaySchema.parse(replay.request);
    const items = await this.replays.items(replay.id);
    if (items.length < minLabeledForBudget(request.budget)) {
      throw new ReplayInputError(`only ${items.length} of the ${replay.labeledItems} labeled items are left: too few for a budget of ${request.budget}`);
    }
    const { pool, test } = splitForReplay({ labels: items.map((it) => it.label), seed: SPLIT_SEED });
    const part = (rows: number[]) => ({ texts: rows.map((i) => items[i].text), labels: rows.map((i) => items[i].label) });
    const train = part(pool);
    const heldOut = part(test);
    if (new Set(train.labels).size < 2) throw new ReplayInputError('the labeled items carry a single label: a classifier needs at least two');

    let current: ReplayRow = replay;
    const stored = new Set(replay.results.map((r) => `${r.strategy}/${r.seed}`));
    for (const strategy of request.strategies) {
      for (let seed = 1; seed <= request.seeds; seed++) {
        if (stored.has(`${strategy}/${seed}`)) continue;
        const { initial, batch, budget } = request;
        let result: ReplayResultRow;
        try {
          result = await this.simulator.simulate({ train, test: heldOut, strategy, seed, initial, batch, budget });
        } catch (err) {
          if (err instanceof ReplayInterruptedError) throw err;
          throw new Error(`${strategy} with seed ${seed}: ${(err as Error).message}`);
        }
        const saved = await this.replays.saveResult(replay.id, {
          strategy,
          seed,
          fullAccuracy: result.fullAccuracy,
          points: result.points.map((p) => ({ labels: p.labels, accuracy: p.accuracy })),
        });
        if (saved) {
          current = saved;
          await onProgress?.(saved);
          continue;
        }
        // Not stored: another attempt stored it first (go on), or the replay was closed or deleted meanwhile (stop).
        const now = await this.replays.byId(replay.id);
        if (now?.status !== 'running') return now;
        current = now;
      }
    }
    return this.replays.finish(replay.id, { labelsToReach: labelsToReachByStrategy(current.results) });
  }
}

/**
 * Per strategy, the mean over its seeds of the labels each needed to reach 95% and 98% of its own full-data
 * accuracy; null unless every seed reached it (a mean over the lucky seeds alone would flatter the strategy).
 */
export function labelsToReachByStrategy(results: ReplayResultRow[]): Record<string, { p95: number | null; p98: number | null }> {
  const strategies = [...new Set(results.map((r) => r.strategy))];
  return Object.fromEntries(
    strategies.map((strategy) => {
      const runs = results.filter((r) => r.strategy === strategy);
      const [p95, p98] = summariseCurves({ runs, fractions: FRACTIONS }).reach.map((r) => (r.reached === r.runs ? r.meanLabels : null));
      return [strategy, { p95, p98 }];
    }),
  );
}
