// A round's first step: fit the pool's IDF and an embedding model, train the classifier on the project's labels
// (gold, settled consensus, optionally confident weak labels; never an item of the project's test split), measure
// it on the test split's gold (the evaluation slice), store it as the next model version and queue the pool's
// scoring. Without two labeled classes there is nothing to learn yet (the cold start): the round stores its
// features alone and selects by diversity.
// Client vectors (embeddingField at import) join the features only when every item of the project has one: a
// vector and an LSA embedding cannot share one space, and zeros for the missing would place those items together
// for the diversity strategies. Otherwise they are left out and the model version says why.
import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { LabelPolicy, LabelSource, ModelFeatures } from '@arbiter/contracts';
import { IdfAccumulator, type IdfTable } from '@arbiter/ml/features';
import { ProjectService, SnapshotBuildService } from '@arbiter/server/application';
import {
  AlPoolRepository,
  AlRoundRepository,
  AlSettingsRepository,
  SnapshotRepository,
  type AlRoundRow,
  type StoredAlSettings,
} from '@arbiter/server/data-access';
import { AlProducer } from '@arbiter/server/jobs';
import { MlThread } from './ml/ml-thread';

export const AL_OPTIONS = Symbol('AL_OPTIONS');
export interface AlOptions {
  /** Pool items per scoring chunk. */
  chunkSize: number;
}

const TEXT_PAGE = 5000;
// The embedding is fitted on at most this many pool texts, spread evenly over the pool.
const EMBEDDING_SAMPLE = 20_000;

/** Labels a person gave or confirmed: the evaluation's truth (consensus and weak labels are not). */
const GOLD_SOURCES = new Set<LabelSource>(['gold', 'review', 'production-verdict']);

interface TrainingRow {
  itemId: string;
  label: number;
  weight: number;
}

@Injectable()
export class AlTrainingService {
  private readonly logger = new Logger('AlTrainingService');

  constructor(
    private readonly rounds: AlRoundRepository,
    private readonly settings: AlSettingsRepository,
    private readonly pool: AlPoolRepository,
    private readonly snapshotRepo: SnapshotRepository,
    private readonly snapshotBuilds: SnapshotBuildService,
    private readonly projects: ProjectService,
    private readonly producer: AlProducer,
    private readonly ml: MlThread,
    @Inject(AL_OPTIONS) private readonly options: AlOptions,
  ) {}

  /**
   * Trains the round's model and queues its scoring. Safe to repeat: a round already past training only has its
   * scoring flow queued again (same job ids, so nothing is queued twice); a closed round is left alone.
   */
  async train(roundId: string, onStatus: () => Promise<void>): Promise<{ projectId: string; roundId: string }> {
    const round = await this.rounds.get(roundId);
    if (!round) throw new Error(`round ${roundId} does not exist`);
    if (round.status === 'scoring' || round.status === 'selecting') return this.queueScoring(round);
    if (round.status === 'done' || round.status === 'failed') return { projectId: round.projectId, roundId };
    const training = await this.rounds.markTraining(roundId);
    if (!training) return this.train(roundId, onStatus);
    await onStatus();

    const projectId = round.projectId;
    const [project, settings] = await Promise.all([this.projects.get(projectId, 'owner'), this.settings.get(projectId)]);
    if (!settings) throw new Error(`project ${projectId} has no settings`);
    const k = project.labelSchema.labels.length;
    // The round's data is a snapshot (lineage: the model records it): built here, in one consistent read that also
    // gives newly labeled items their split. The model trains on its train and valid rows and is evaluated on the
    // gold (imported, reviewed, production verdicts) of its test split, so it never sees what it is evaluated on.
    const { snapshotId, rows, evaluation } = await this.snapshotData(roundId, projectId, settings, project.labelSchema.labels.map((l) => l.name));
    const { idf, texts, sample } = await this.readPool(projectId, new Set([...rows.map((r) => r.itemId), ...evaluation.map((g) => g.itemId)]));
    const textOf = (itemId: string) => texts.get(itemId) ?? '';
    // Without two labeled classes there is nothing to learn yet: the cold start.
    const coldStart = new Set(rows.map((r) => r.label)).size < 2;
    const vectors = await this.clientVectors(projectId, project.embeddingDim);
    if (vectors.ignored) this.logger.warn(`round ${roundId}: client vectors left out: ${vectors.ignored}`);
    const dim = vectors.dim;
    const client =
      dim === null
        ? null
        : {
            dim,
            train: coldStart ? null : await this.vectorRows(projectId, rows.map((r) => r.itemId), dim),
            evaluation: await this.vectorRows(projectId, evaluation.map((g) => g.itemId), dim),
          };
    const { result } = await this.ml.run<'fit'>({
      op: 'fit',
      kind: settings.modelKind,
      numClasses: k,
      seed: settings.seed,
      idf,
      train: coldStart ? null : { texts: rows.map((r) => textOf(r.itemId)), labels: rows.map((r) => r.label), weights: rows.map((r) => r.weight) },
      evaluation: { texts: evaluation.map((g) => textOf(g.itemId)), labels: evaluation.map((g) => g.label) },
      sample: client ? [] : sample,
      client,
    });
    if (result.embeddingError) this.logger.warn(`round ${roundId}: no embedding (${result.embeddingError})`);
    const artifact = Buffer.from(result.artifact.buffer, result.artifact.byteOffset, result.artifact.byteLength);
    let started;
    if (!result.model) {
      this.logger.log(`round ${roundId}: ${rows.length} training labels, fewer than two classes: a cold start`);
      started = await this.rounds.startScoring(roundId, { features: artifact }, this.options.chunkSize);
    } else {
      const model = {
        kind: settings.modelKind,
        backend: result.model.backend,
        artifact,
        trainingFingerprint: fingerprint(rows),
        labelCount: rows.length,
        snapshotId,
        metrics: result.model.metrics,
        features: {
          clientVectorDim: dim,
          embedding: dim !== null ? 'client' : result.embeddingError ? 'none' : 'lsa',
          clientVectorsIgnored: vectors.ignored,
        } satisfies ModelFeatures,
      };
      started = await this.rounds.startScoring(roundId, { model }, this.options.chunkSize);
      if (started?.model) {
        this.logger.log(
          `round ${roundId}: model v${started.model.version} on ${rows.length} labels, accuracy ${model.metrics.accuracy ?? '-'} on ${model.metrics.evaluationItems} slice items`,
        );
      }
    }
    const now = started?.round ?? (await this.rounds.get(roundId));
    if (!now) throw new Error(`round ${roundId} disappeared`);
    return this.queueScoring(now);
  }

  private async snapshotData(roundId: string, projectId: string, settings: StoredAlSettings, names: string[]) {
    const policy: LabelPolicy = {
      sources: settings.weakLabelWeight === null ? ['gold', 'consensus', 'review', 'production-verdict'] : ['gold', 'consensus', 'review', 'production-verdict', 'weak'],
      weakMinConfidence: settings.weakLabelMinConfidence,
      includeUnderAdjudication: false,
      includeOpenDisagreements: false,
    };
    const { id: snapshotId } = await this.snapshotRepo.create(projectId, { trigger: 'training', policy, note: `active-learning round ${roundId}`, requestedBy: null });
    await this.snapshotBuilds.build(projectId, snapshotId);
    const index = new Map(names.map((n, i) => [n, i]));
    const rows: TrainingRow[] = [];
    const evaluation: { itemId: string; label: number }[] = [];
    for (const r of await this.snapshotRepo.trainingRows(snapshotId)) {
      const label = index.get(r.label);
      if (label === undefined) continue;
      if (r.split !== 'test') rows.push({ itemId: r.itemId, label, weight: r.source === 'weak' ? (settings.weakLabelWeight ?? 0) : 1 });
      else if (GOLD_SOURCES.has(r.source)) evaluation.push({ itemId: r.itemId, label });
    }
    return { snapshotId, rows, evaluation };
  }

  private async queueScoring(round: AlRoundRow): Promise<{ projectId: string; roundId: string }> {
    if (round.status === 'scoring' || round.status === 'selecting') {
      const chunks = await this.rounds.chunks(round.id);
      await this.producer.queueScoring(round.projectId, round.id, chunks.map((c) => c.chunk));
    }
    return { projectId: round.projectId, roundId: round.id };
  }

  /** The client vectors' dimension when every item of the project has one; else null, and why when some do. */
  private async clientVectors(projectId: string, projectDim: number | null): Promise<{ dim: number | null; ignored: string | null }> {
    if (projectDim === null) return { dim: null, ignored: null };
    const { items, withVector } = await this.pool.vectorCoverage(projectId);
    if (withVector === items) return { dim: projectDim, ignored: null };
    return { dim: null, ignored: `${items - withVector} of ${items} items have no client vector (embeddingField)` };
  }

  /** The items' client vectors as row-major rows × dim, in the order given. */
  private async vectorRows(projectId: string, itemIds: string[], dim: number): Promise<Float32Array> {
    const found = await this.pool.vectors(projectId, itemIds);
    const out = new Float32Array(itemIds.length * dim);
    itemIds.forEach((id, i) => {
      const v = found.get(id);
      if (!v || v.length !== dim) throw new Error(`item ${id} has no client vector of ${dim} numbers`);
      out.set(v, i * dim);
    });
    return out;
  }

  /**
   * One pass over the pool's texts: the IDF of every text, the texts of the wanted items, and an evenly spread
   * sample for the embedding (the pool itself never sits in memory).
   */
  private async readPool(projectId: string, wanted: Set<string>): Promise<{ idf: IdfTable; texts: Map<string, string>; sample: string[] }> {
    const accumulator = new IdfAccumulator();
    const texts = new Map<string, string>();
    const sample: string[] = [];
    let seen = 0;
    let stride = 1;
    for (let after = '0'; ; ) {
      const page = await this.pool.texts(projectId, after, TEXT_PAGE);
      if (!page.length) break;
      // Tokenising and hashing happen on the ML thread; summing document frequencies here is one pass over the counts.
      accumulator.addCounts((await this.ml.run<'count'>({ op: 'count', texts: page.map((p) => p.text) })).counts);
      for (const p of page) {
        if (wanted.has(p.id)) texts.set(p.id, p.text);
        if (seen++ % stride === 0) sample.push(p.text);
        // Past the sample's size, keep every other sampled text and sample half as often.
        if (sample.length >= 2 * EMBEDDING_SAMPLE) {
          for (let i = 0; i < EMBEDDING_SAMPLE; i++) sample[i] = sample[2 * i];
          sample.length = EMBEDDING_SAMPLE;
          stride *= 2;
        }
      }
      after = page[page.length - 1].id;
      if (page.length < TEXT_PAGE) break;
    }
    return { idf: accumulator.finish(), texts, sample };
  }
}

/** sha256 of the training rows (item id, label, weight), in item id order. */
function fingerprint(rows: TrainingRow[]): string {
  const hash = createHash('sha256');
  for (const r of rows) hash.update(`${r.itemId}\t${r.label}\t${r.weight}\n`);
  return hash.digest('hex');
}
