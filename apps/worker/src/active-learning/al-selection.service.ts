// A round's last step, the parent of its scoring flow: choose the next batch from the scored pool and put it at
// the head of the annotation queue. Left out: items people labeled, items someone holds a live lease on or that
// wait in review, and the project's test split (the evaluation slice, read as assigned: the round's training gave
// newly labeled items their splits). The strategy is the project's (k-means++ on a cold start or during warm-up, as
// selectBatch decides); lf-disagreement reads the LF votes and the label model's probabilities.
import { Injectable } from '@nestjs/common';
import type { AlStrategy } from '@arbiter/contracts';
import { ProjectService } from '@arbiter/server/application';
import {
  AlPoolRepository,
  AlRoundRepository,
  AlSettingsRepository,
  LfRepository,
  PredictionRepository,
  SelectionRepository,
  SnapshotRepository,
  type AlRoundRow,
} from '@arbiter/server/data-access';
import { MlThread } from './ml/ml-thread';
import { selectionScore } from './selection-score';

@Injectable()
export class AlSelectionService {
  constructor(
    private readonly rounds: AlRoundRepository,
    private readonly settings: AlSettingsRepository,
    private readonly pool: AlPoolRepository,
    private readonly predictions: PredictionRepository,
    private readonly selections: SelectionRepository,
    private readonly lfs: LfRepository,
    private readonly splits: SnapshotRepository,
    private readonly projects: ProjectService,
    private readonly ml: MlThread,
  ) {}

  /**
   * Selects and closes the round (failed, saying why, when a chunk gave up after its retries). Safe to repeat:
   * a closed round is left alone, and the selection is written in one transaction with closing it.
   */
  async select(roundId: string, failedChunks: string[], onStatus: () => Promise<void>): Promise<{ projectId: string; roundId: string }> {
    const round = await this.rounds.get(roundId);
    if (!round) throw new Error(`round ${roundId} does not exist`);
    const done = { projectId: round.projectId, roundId };
    if (round.status !== 'scoring' && round.status !== 'selecting') return done;
    if (failedChunks.length) {
      await this.rounds.fail(roundId, `${failedChunks.length} scoring chunk(s) failed: ${failedChunks[0]}`);
      return done;
    }
    const selecting = await this.rounds.markSelecting(roundId);
    if (!selecting) return done;
    await onStatus();
    const { usedStrategy, rows, scores } = await this.choose(selecting);
    await this.selections.replaceWithRound(roundId, {
      usedStrategy,
      modelVersion: selecting.modelVersion,
      selections: rows.map((row, i) => ({ itemId: scores.itemIds[row], score: selectionScore(usedStrategy, scores.probs, scores.k, row), rank: i + 1 })),
    });
    return done;
  }

  private async choose(round: AlRoundRow) {
    const settings = await this.settings.get(round.projectId);
    if (!settings) throw new Error(`project ${round.projectId} has no settings`);
    const scored = await this.predictions.forRound(round.id);
    const { itemIds, numClasses: k, dim } = scored;
    const n = itemIds.length;
    const scores = { itemIds, probs: scored.probs, k };
    if (n === 0) return { usedStrategy: round.strategy, rows: [] as number[], scores };
    const [state, test] = await Promise.all([this.pool.state(round.projectId, itemIds[n - 1]), this.splits.assignedTestItems(round.projectId)]);
    const { labeled, excluded } = masks(itemIds, state, (itemId) => test.has(itemId));

    if (round.strategy === 'lf-disagreement') {
      const classes = (await this.projects.get(round.projectId, 'owner')).labelSchema.labels.length;
      const rows = await this.lfDisagreementRows(round, itemIds, excluded, classes);
      if (rows) return { usedStrategy: 'lf-disagreement' as AlStrategy, rows, scores };
    }
    // lf-disagreement without LFs falls back to margin (or diversity on a cold start); without an embedding (a pool
    // too small to fit one) diversity has nothing to work on.
    let strategy: Exclude<AlStrategy, 'lf-disagreement'> = round.strategy === 'lf-disagreement' ? (scored.probs ? 'margin' : 'kmeans-pp') : round.strategy;
    if (!scored.embeddings) strategy = scored.probs ? (isUncertainty(strategy) ? strategy : 'margin') : 'random';
    const picked = await this.ml.run<'select'>({
      op: 'select',
      input: {
        strategy,
        batchSize: round.batchSize,
        seed: settings.seed,
        probs: scored.probs,
        numClasses: k,
        embeddings: scored.embeddings ?? new Float32Array(n),
        dim: scored.embeddings ? dim : 1,
        labeled,
        excluded,
        topM: settings.topM ?? undefined,
        warmUpLabels: settings.warmUpLabels,
      },
    });
    return { usedStrategy: picked.strategy as AlStrategy, rows: picked.rows, scores };
  }

  /** Rows where the LFs conflict or the label model is unsure; null when the project has no applied LF. */
  private async lfDisagreementRows(round: AlRoundRow, itemIds: string[], excluded: Uint8Array, k: number): Promise<number[] | null> {
    const versions = (await this.lfs.activeVersions(round.projectId)).filter((v) => BigInt(v.appliedThrough) > 0n);
    if (!versions.length) return null;
    const matrix = await this.lfs.voteMatrix(round.projectId, versions.map((v) => v.id));
    const m = versions.length;
    const at = new Map(matrix.itemIds.map((id, i) => [id, i]));
    const votes = new Int8Array(itemIds.length * m).fill(-1);
    itemIds.forEach((id, i) => {
      const r = at.get(id);
      if (r !== undefined) votes.set(matrix.votes.subarray(r * m, r * m + m), i * m);
    });
    // The label model's probabilities where it gave a weak label; uniform elsewhere (it knows nothing there).
    const probs = new Float32Array(itemIds.length * k).fill(1 / k);
    const row = new Map(itemIds.map((id, i) => [id, i]));
    for (const w of await this.pool.weakProbabilities(round.projectId)) {
      const i = row.get(w.itemId);
      if (i !== undefined && w.probabilities.length === k) probs.set(w.probabilities, i * k);
    }
    // Items no LF voted on are left to the other strategies: lf-disagreement asks where the LFs disagree.
    const skip = Uint8Array.from(excluded);
    itemIds.forEach((_, i) => {
      let voted = false;
      for (let j = 0; j < m; j++) if (votes[i * m + j] >= 0) voted = true;
      if (!voted) skip[i] = 1;
    });
    return (await this.ml.run<'lf-disagreement'>({ op: 'lf-disagreement', votes, numLfs: m, batchSize: round.batchSize, probs, numClasses: k, exclude: skip })).rows;
  }
}

function isUncertainty(s: AlStrategy): boolean {
  return s === 'least-confidence' || s === 'margin' || s === 'entropy';
}

/**
 * Per scored row: labeled (a person labeled it, off the test split: k-center's existing centres, warm-up's count)
 * and excluded (labeled, busy, or in the test split). Pool state rows are matched to scored rows by item id.
 */
function masks(
  itemIds: string[],
  state: { itemIds: string[]; labeled: Uint8Array; busy: Uint8Array },
  inTest: (itemId: string) => boolean,
): { labeled: Uint8Array; excluded: Uint8Array } {
  const n = itemIds.length;
  const labeled = new Uint8Array(n);
  const excluded = new Uint8Array(n);
  const at = new Map(state.itemIds.map((id, i) => [id, i]));
  for (let i = 0; i < n; i++) {
    const s = at.get(itemIds[i]);
    const slice = inTest(itemIds[i]);
    const isLabeled = s !== undefined && state.labeled[s] === 1;
    labeled[i] = isLabeled && !slice ? 1 : 0;
    excluded[i] = slice || isLabeled || (s !== undefined && state.busy[s] === 1) || s === undefined ? 1 : 0;
  }
  return { labeled, excluded };
}
