// The active-learning loop replayed on data whose labels are known but hidden until the sampler asks for them:
// I random seed labels, then rounds of B chosen by the strategy until the budget, a retrain each round, accuracy
// on a held-out set after each. Features, model and sampling are the worker's own code.
import { type CsrMatrix, fitEmbedding, embed, hashedTfidf, IdfAccumulator, subsetRows } from '@arbiter/ml/features';
import { argmaxAccuracy, type ModelKind, predictProba, trainClassifier, type TrainedClassifier } from '@arbiter/ml/classifier';
import { randomSample } from '@arbiter/domain/sampling';
import { selectBatch, type SelectBatchInput } from './select-batch';

export interface LabeledTexts {
  texts: string[];
  labels: number[];
}

export interface SimulationInput {
  train: LabeledTexts;
  test: LabeledTexts;
  strategy: SelectBatchInput['strategy'];
  seed: number;
  initial: number;
  batch: number;
  budget: number;
  kind?: ModelKind;
  embeddingDim?: number;
  warmUpLabels?: number;
  /** Called after each round with the labels spent so far. */
  onRound?: (labels: number, accuracy: number) => void;
}

export interface SimulationResult {
  strategy: string;
  seed: number;
  fullAccuracy: number;
  points: { labels: number; accuracy: number }[];
}

export async function simulate(input: SimulationInput): Promise<SimulationResult> {
  const { train, test, strategy, seed, initial, batch, kind = 'logreg' } = input;
  const n = train.texts.length;
  const budget = Math.min(input.budget, n);
  // A loop, not Math.max(...labels): spreading a million labels overflows the call stack.
  const k = [train.labels, test.labels].reduce((most, labels) => labels.reduce((m, y) => Math.max(m, y), most), 0) + 1;
  const idf = new IdfAccumulator();
  idf.add(train.texts);
  const table = idf.finish();
  const pool = hashedTfidf({ texts: train.texts, idf: table });
  const held = hashedTfidf({ texts: test.texts, idf: table });
  const embedding = fitEmbedding({ csr: pool, dim: input.embeddingDim ?? 64, seed });
  const embeddings = embed({ model: embedding, csr: pool });

  const evaluate = async (model: TrainedClassifier) => argmaxAccuracy(await predictProba({ model, features: held }), k, test.labels);
  // Each round starts from the previous round's model: the same optimum (the fit is convex and run to
  // convergence). It saves no steps (see trainClassifier's warmStart), and the server's rounds start cold.
  let previous: TrainedClassifier | undefined;
  const fit = async (rows: number[], features: CsrMatrix = subsetRows(pool, rows)) =>
    (previous = await trainClassifier({ kind, features, labels: rows.map((r) => train.labels[r]), numClasses: k, seed, warmStart: previous }));

  const labeled = new Uint8Array(n);
  const order: number[] = randomSample({ n, batchSize: Math.min(initial, budget), seed });
  order.forEach((r) => (labeled[r] = 1));
  const points: SimulationResult['points'] = [];
  for (let round = 1; ; round++) {
    const model = await fit(order);
    const accuracy = await evaluate(model);
    points.push({ labels: order.length, accuracy });
    input.onRound?.(order.length, accuracy);
    if (order.length >= budget) break;
    const probs = await predictProba({ model, features: pool });
    const { rows } = selectBatch({
      strategy, batchSize: Math.min(batch, budget - order.length), seed: seed * 1000 + round, probs, numClasses: k,
      embeddings, dim: embedding.dim, labeled, warmUpLabels: input.warmUpLabels,
    });
    if (!rows.length) break;
    rows.forEach((r) => ((labeled[r] = 1), order.push(r)));
  }
  const all = Array.from({ length: n }, (_, i) => i);
  const fullAccuracy = await evaluate(await fit(all, pool));
  return { strategy, seed, fullAccuracy, points };
}
