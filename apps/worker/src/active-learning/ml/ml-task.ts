// Everything active learning computes, as tasks over plain data: hashing texts for the pool's IDF, fitting a
// round's model (features, classifier, its measure on the evaluation slice, the embedding), scoring texts with a
// stored artifact, and choosing a batch. With client vectors (a project whose every item has one), the classifier
// takes them L2-normalised beside TF-IDF and they are, as given, the items' embeddings (no LSA is fitted). They run on the ML thread (MlThread), never on the worker's event loop:
// TensorFlow.js trains synchronously, and a worker whose loop is held keeps other jobs' transactions (and their
// row locks, which annotators' submissions wait on) open for as long as the model trains.
import type { ModelKind, ModelMetrics } from '@arbiter/contracts';
import { lfDisagreement } from '@arbiter/domain/sampling';
import { selectBatch, type SelectBatchInput } from '@arbiter/ml/active-learning';
import { predictProba, selectBackend, trainClassifier, type TrainedClassifier } from '@arbiter/ml/classifier';
import {
  embed,
  fitEmbedding,
  hashedCounts,
  hashedTfidf,
  l2NormaliseRows,
  type CsrMatrix,
  type EmbeddingModel,
  type IdfTable,
} from '@arbiter/ml/features';
import { argMaxRows, classificationMetrics } from './classification-metrics';
import { decodeArtifact, encodeArtifact, type ModelArtifact } from './model-artifact';

const EMBEDDING_DIM = 64;

export interface FitTask {
  op: 'fit';
  kind: ModelKind;
  numClasses: number;
  seed: number;
  idf: IdfTable;
  /** The training rows; null on a cold start (no classifier, features alone). */
  train: { texts: string[]; labels: number[]; weights: number[] } | null;
  /** The evaluation slice's gold. */
  evaluation: { texts: string[]; labels: number[] };
  /** Pool texts to fit the embedding on (unused with client vectors). */
  sample: string[];
  /** The client vectors of the training rows (null on a cold start) and of the slice, row-major, as given. */
  client: { dim: number; train: Float32Array | null; evaluation: Float32Array } | null;
}

/** A scoring chunk's client vectors, rows × dim as given (zeros for an item without one). */
export interface ChunkVectors {
  data: Float32Array;
  dim: number;
}

export type MlTask =
  | { op: 'backend' }
  | { op: 'count'; texts: string[] }
  | FitTask
  | { op: 'score'; key: string; artifact: Uint8Array | null; texts: string[]; vectors: ChunkVectors | null }
  | { op: 'select'; input: SelectBatchInput }
  | { op: 'lf-disagreement'; votes: Int8Array; numLfs: number; batchSize: number; probs: Float32Array; numClasses: number; exclude: Uint8Array };

export interface FitResult {
  artifact: Uint8Array;
  /** Null on a cold start. */
  model: { backend: string; metrics: ModelMetrics } | null;
  embeddingError: string | null;
}

export type MlReply =
  | { op: 'backend'; backend: string; message: string }
  | { op: 'count'; counts: CsrMatrix }
  | { op: 'fit'; result: FitResult }
  /** `missing`: the thread does not hold this artifact; send it again with its bytes. */
  | { op: 'score'; missing: true }
  | { op: 'score'; missing?: false; probs: Float32Array | null; embeddings: Float32Array | null }
  | { op: 'select'; rows: number[]; strategy: string }
  | { op: 'lf-disagreement'; rows: number[] };

// Decoded artifacts of the last few rounds: a thread scores many chunks of one round.
const CACHED = 2;
const artifacts = new Map<string, ModelArtifact>();
let backendMessage = '';

export async function runMlTask(task: MlTask): Promise<MlReply> {
  switch (task.op) {
    case 'backend': {
      const backend = await selectBackend({ log: (m) => (backendMessage = m) });
      return { op: 'backend', backend, message: backendMessage };
    }
    case 'count':
      return { op: 'count', counts: hashedCounts(task.texts) };
    case 'fit':
      return { op: 'fit', result: await fit(task) };
    case 'score': {
      let artifact = artifacts.get(task.key);
      if (!artifact) {
        if (!task.artifact) return { op: 'score', missing: true };
        artifact = decodeArtifact(Buffer.from(task.artifact.buffer, task.artifact.byteOffset, task.artifact.byteLength));
        artifacts.set(task.key, artifact);
        while (artifacts.size > CACHED) artifacts.delete(artifacts.keys().next().value as string);
      }
      const csr = hashedTfidf({ texts: task.texts, idf: artifact.idf });
      const dim = artifact.clientVectorDim;
      if (dim !== null && (task.vectors?.dim !== dim || task.vectors.data.length !== task.texts.length * dim)) {
        throw new Error(`the model takes client vectors of ${dim} numbers; the chunk's are not that`);
      }
      const vectors = dim !== null ? task.vectors : null;
      const dense = vectors ? { data: l2NormaliseRows(vectors.data, vectors.dim), dim: vectors.dim } : undefined;
      const probs = artifact.classifier ? await predictProba({ model: artifact.classifier, features: csr, dense }) : null;
      const embeddings = vectors ? vectors.data : artifact.embedding ? embed({ model: artifact.embedding, csr }) : null;
      return { op: 'score', probs, embeddings };
    }
    case 'select': {
      const picked = selectBatch(task.input);
      return { op: 'select', rows: picked.rows, strategy: picked.strategy };
    }
    case 'lf-disagreement':
      return { op: 'lf-disagreement', rows: lfDisagreement(task) };
  }
}

async function fit(task: FitTask): Promise<FitResult> {
  const { idf, numClasses: k, seed, client } = task;
  const clientVectorDim = client?.dim ?? null;
  let embedding: EmbeddingModel | null = null;
  let embeddingError: string | null = null;
  // Client vectors are the embedding when there are any; else LSA of the pool's TF-IDF.
  if (!client) {
    try {
      embedding = fitEmbedding({ csr: hashedTfidf({ texts: task.sample, idf }), dim: EMBEDDING_DIM, seed });
    } catch (err) {
      embeddingError = (err as Error).message;
    }
  }
  if (!task.train) return { artifact: encodeArtifact({ numClasses: k, idf, embedding, classifier: null, clientVectorDim }), model: null, embeddingError };
  const dense = (rows: Float32Array | null | undefined) => (client && rows ? { data: l2NormaliseRows(rows, client.dim), dim: client.dim } : undefined);
  const classifier = await trainClassifier({
    kind: task.kind,
    features: hashedTfidf({ texts: task.train.texts, idf }),
    dense: dense(client?.train),
    labels: task.train.labels,
    sampleWeights: task.train.weights,
    numClasses: k,
    seed,
  });
  const metrics = await evaluate(classifier, idf, task.evaluation, dense(client?.evaluation));
  const artifact = encodeArtifact({ numClasses: k, idf, embedding, classifier, clientVectorDim });
  return { artifact, model: { backend: classifier.backend, metrics }, embeddingError };
}

async function evaluate(
  model: TrainedClassifier,
  idf: IdfTable,
  slice: { texts: string[]; labels: number[] },
  dense: { data: Float32Array; dim: number } | undefined,
): Promise<ModelMetrics> {
  const calibration = { eceBefore: model.metrics.eceBefore, eceAfter: model.metrics.eceAfter, temperature: model.metrics.temperature };
  if (!slice.texts.length) return { accuracy: null, macroF1: null, evaluationItems: 0, ...calibration };
  const probs = await predictProba({ model, features: hashedTfidf({ texts: slice.texts, idf }), dense });
  const { accuracy, macroF1 } = classificationMetrics({ truth: slice.labels, predicted: argMaxRows(probs, model.numClasses) });
  return { accuracy, macroF1, evaluationItems: slice.texts.length, ...calibration };
}
