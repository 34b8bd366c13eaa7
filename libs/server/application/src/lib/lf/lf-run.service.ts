// The worker side of weak supervision: open runs, evaluate chunks, close runs and fit the label model.
// Every step is safe to repeat: a chunk's votes are written with ON CONFLICT DO NOTHING and counted once,
// a run closes once, and a fit replaces the previous weak labels in one transaction.
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { LfDefinitionDto, LfStats } from '@arbiter/contracts';
import { analyzeLfs } from '@arbiter/domain/lf';
import { fitLabelModel } from '@arbiter/domain/label-model';
import { LfRepository, type LfRunRow, type WeakLabelInput } from '@arbiter/server/data-access';
import { LfProducer } from '@arbiter/server/jobs';
import { AlRoundService } from '../active-learning/al-round.service';
import { ProjectService } from '../projects/project.service';
import { LfEvaluator } from './lf-evaluator';
import { modelVersionsOf, withModelScores } from './model-scores';

export const LF_RUN_OPTIONS = Symbol('LF_RUN_OPTIONS');
export interface LfRunOptions {
  /** Items per chunk job. */
  chunkSize: number;
}

/** What a fit stores beside the model: Snorkel's summaries of the whole matrix and each LF's stats. */
export interface StoredAnalysis {
  labelCoverage: number | null;
  labelOverlap: number | null;
  labelConflict: number | null;
  lfs: { versionId: string; stats: LfStats }[];
}

// A run still 'running' whose flow is gone (its scheduler crashed between the two writes) is closed after this.
const LOST_RUN_MS = 60_000;
const SEED = 0;

@Injectable()
export class LfRunService {
  private readonly logger = new Logger('LfRunService');
  private readonly options: LfRunOptions;

  constructor(
    private readonly lfs: LfRepository,
    private readonly projects: ProjectService,
    private readonly producer: LfProducer,
    private readonly evaluator: LfEvaluator,
    private readonly alRounds: AlRoundService,
    @Optional() @Inject(LF_RUN_OPTIONS) options?: LfRunOptions,
  ) {
    this.options = options ?? { chunkSize: 2000 };
  }

  /** Opens a run if items await votes (and enqueues its flow); otherwise refits if the LF set changed. */
  async schedule(projectId: string): Promise<{ projectId: string; runId: string | null; fit: boolean }> {
    const open = await this.lfs.runningRun(projectId);
    if (open) {
      if (Date.now() - new Date(open.createdAt).getTime() > LOST_RUN_MS && !(await this.producer.runQueued(open.id))) {
        await this.lfs.finishRun(open.id, 'the run was lost before its jobs were queued; a new run takes over');
      } else {
        // The open run's parent schedules again when it finishes.
        return { projectId, runId: null, fit: false };
      }
    }
    const started = await this.lfs.startRun(projectId, this.options.chunkSize);
    if (started) {
      try {
        await this.producer.addRun(projectId, started.run.id, started.chunks.map((c) => c.chunk));
      } catch (err) {
        await this.lfs.finishRun(started.run.id, `could not queue the run: ${(err as Error).message}`);
        throw err;
      }
      return { projectId, runId: started.run.id, fit: false };
    }
    if (await this.modelIsStale(projectId)) {
      await this.producer.fit(projectId);
      return { projectId, runId: null, fit: true };
    }
    return { projectId, runId: null, fit: false };
  }

  /** Evaluates every version of the run on one chunk of items and stores the votes. */
  async applyChunk(runId: string, chunkIndex: number): Promise<{ projectId: string; runId: string; items: number }> {
    const run = await this.lfs.run(runId);
    if (!run) throw new Error(`run ${runId} does not exist`);
    const chunk = await this.lfs.chunk(runId, chunkIndex);
    if (!chunk) throw new Error(`run ${runId} has no chunk ${chunkIndex}`);
    if (run.status !== 'running' || chunk.done) return { projectId: run.projectId, runId, items: 0 };
    const project = await this.projects.get(run.projectId, 'owner');
    const k = project.labelSchema.labels.length;
    const [items, versions] = await Promise.all([
      this.lfs.items(run.projectId, chunk.fromId, chunk.toId),
      this.lfs.versionsById(run.versionIds),
    ]);
    const byId = new Map(versions.map((v) => [v.id, v]));
    // Model LFs read the scores of the model versions they name; the other kinds never see them.
    const scored = await withModelScores(this.lfs, run.projectId, modelVersionsOf(versions.map((v) => v.definition as LfDefinitionDto)), items);
    const m = run.versionIds.length;
    const votes = new Int8Array(items.length * m).fill(-1);
    const errors = new Map<string, { message: string; itemId: string | null }>();
    for (let j = 0; j < m; j++) {
      const versionId = run.versionIds[j];
      const version = byId.get(versionId);
      if (!version) continue;
      // Items this version has already voted on (in an earlier run) are left alone.
      const since = BigInt(run.sinceIds[j]);
      const first = items.findIndex((it) => BigInt(it.id) > since);
      if (first < 0) continue;
      const subset = (version.kind === 'model' ? scored : items).slice(first);
      const outcome = await this.evaluator.evaluate(version.definition as LfDefinitionDto, subset, k, { tenant: run.projectId });
      if (outcome.error) errors.set(versionId, outcome.error);
      for (let i = 0; i < subset.length; i++) votes[(first + i) * m + j] = outcome.votes[i];
    }
    await this.lfs.saveChunk(runId, chunkIndex, { itemIds: items.map((it) => it.id), versionIds: run.versionIds, votes, errors });
    return { projectId: run.projectId, runId, items: items.length };
  }

  /**
   * The flow's parent: closes the run (failed if a chunk gave up after its retries), fits the label model on
   * the active LFs' votes, and schedules again for anything that changed meanwhile.
   */
  async finish(
    projectId: string,
    runId: string | null,
    failedChunks: string[],
  ): Promise<{ projectId: string; runId: string | null; labelModelId: string | null }> {
    let run: LfRunRow | null = null;
    if (runId) {
      const error = failedChunks.length ? `${failedChunks.length} chunk(s) failed: ${failedChunks[0]}` : null;
      run = (await this.lfs.finishRun(runId, error)) ?? (await this.lfs.run(runId));
    }
    if (run?.status === 'failed') {
      // Not rescheduled: a chunk that failed five times would fail again. The next change (or "Apply now")
      // starts a new run from where each version stood.
      this.logger.warn(`LF run ${runId} of ${projectId} failed: ${run.error}`);
      return { projectId, runId, labelModelId: null };
    }
    const labelModelId = await this.fit(projectId, runId);
    // New weak labels (or none) change what a model may learn and what lf-disagreement selects.
    if (labelModelId) await this.alRounds.afterLabelModel(projectId);
    // Whatever changed while this run was open (an LF saved, items imported) gets its own run now.
    this.producer.afterChange(projectId);
    return { projectId, runId, labelModelId };
  }

  /** Fits the label model on the active, applied LF versions and replaces the weak labels. */
  async fit(projectId: string, runId: string | null = null): Promise<string | null> {
    const project = await this.projects.get(projectId, 'owner');
    const k = project.labelSchema.labels.length;
    const versions = (await this.lfs.activeVersions(projectId)).filter((v) => BigInt(v.appliedThrough) > 0n);
    if (!versions.length) return this.clear(projectId, runId, k);
    const versionIds = versions.map((v) => v.id);
    const { itemIds, gold, votes } = await this.lfs.voteMatrix(projectId, versionIds);
    const n = itemIds.length;
    const m = versionIds.length;
    if (n === 0) return null;
    const L = { n, m, votes };

    // Items labeled by people (gold, else the annotators' consensus) are the dev set: the class balance, the
    // choice between the generative model and majority vote, and the accuracy columns. Without any, the
    // generative model runs uncompared on a class balance read from the majority-vote labels (the summary's
    // reason says so).
    const devRows: number[] = [];
    gold.forEach((g, i) => {
      if (g >= 0 && g < k) devRows.push(i);
    });
    const dev = { n: devRows.length, m, votes: new Int8Array(devRows.length * m) };
    devRows.forEach((row, r) => dev.votes.set(votes.subarray(row * m, row * m + m), r * m));
    const y = devRows.map((row) => gold[row]);

    const model = fitLabelModel(L, k, { seed: SEED, validation: devRows.length ? { L: dev, y } : undefined });
    const proba = model.predictProbaCompact(L);
    const all = analyzeLfs({ matrix: L });
    const onGold = devRows.length ? analyzeLfs({ matrix: dev, gold: y }) : null;
    let covered = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        if (votes[i * m + j] >= 0) {
          covered++;
          break;
        }
      }
    }

    const analysis: StoredAnalysis = {
      labelCoverage: all.labelCoverage,
      labelOverlap: all.labelOverlap,
      labelConflict: all.labelConflict,
      lfs: versions.map((v, j) => ({
        versionId: v.id,
        stats: {
          polarity: all.lfs[j].polarity,
          coverage: all.lfs[j].coverage,
          overlaps: all.lfs[j].overlaps,
          conflicts: all.lfs[j].conflicts,
          labeled: all.lfs[j].labeled,
          correct: onGold ? onGold.lfs[j].correct : null,
          incorrect: onGold ? onGold.lfs[j].incorrect : null,
          empiricalAccuracy: onGold ? onGold.lfs[j].empiricalAccuracy : null,
          learnedAccuracy: finiteOrNull(model.lfAccuracies[j]),
        },
      })),
    };
    const id = await this.lfs.saveLabelModel(
      projectId,
      {
        runId,
        lfVersionIds: versionIds,
        chosen: model.chosen,
        reason: model.reason,
        classBalance: model.classBalance,
        lfAccuracies: model.lfAccuracies.map((a) => (Number.isFinite(a) ? a : 0)),
        validation: model.validationAccuracy,
        analysis,
        items: n,
        covered,
      },
      weakLabels(itemIds, votes, m, proba, k),
    );
    this.logger.log(`label model ${id} for ${projectId}: ${model.chosen} over ${m} LFs, ${covered}/${n} items covered`);
    return id;
  }

  /** Every LF disabled or errored: an empty model replaces the last one, and no item keeps a weak label. */
  private async clear(projectId: string, runId: string | null, k: number): Promise<string | null> {
    const latest = await this.lfs.latestLabelModel(projectId);
    if (!latest || latest.lfVersionIds.length === 0) return null;
    const empty: StoredAnalysis = { labelCoverage: null, labelOverlap: null, labelConflict: null, lfs: [] };
    return this.lfs.saveLabelModel(
      projectId,
      {
        runId,
        lfVersionIds: [],
        chosen: 'majority',
        reason: 'no enabled labeling function has votes: no item has a weak label',
        classBalance: new Array<number>(k).fill(1 / k),
        lfAccuracies: [],
        validation: null,
        analysis: empty,
        items: 0,
        covered: 0,
      },
      [],
    );
  }

  /** True when the active, applied LF versions differ from those the latest model was fitted on. */
  private async modelIsStale(projectId: string): Promise<boolean> {
    const [versions, model] = await Promise.all([this.lfs.activeVersions(projectId), this.lfs.latestLabelModel(projectId)]);
    const applied = versions.filter((v) => BigInt(v.appliedThrough) > 0n).map((v) => v.id);
    const fitted = model?.lfVersionIds ?? [];
    return applied.length !== fitted.length || applied.some((id, j) => fitted[j] !== id);
  }
}

/** One weak label per item with at least one vote, produced as the rows are written (never all at once). */
function* weakLabels(itemIds: string[], votes: Int8Array, m: number, proba: Float64Array, k: number): Generator<WeakLabelInput> {
  for (let i = 0; i < itemIds.length; i++) {
    let count = 0;
    let first = -1;
    let conflict = false;
    for (let j = 0; j < m; j++) {
      const v = votes[i * m + j];
      if (v < 0) continue;
      if (count === 0) first = v;
      else if (v !== first) conflict = true;
      count++;
    }
    if (count === 0) continue;
    const p = Array.from(proba.subarray(i * k, i * k + k));
    let label = 0;
    for (let c = 1; c < k; c++) if (p[c] > p[label]) label = c;
    yield { itemId: itemIds[i], probabilities: p, label, confidence: p[label], conflict, votes: count };
  }
}

function finiteOrNull(x: number | undefined): number | null {
  return x === undefined || !Number.isFinite(x) ? null : x;
}
