// The ML thread's fit and score with client vectors: texts that say nothing about the class and vectors that do,
// so only a model that takes the vectors can be right; the scored embeddings are the vectors as given.
import { IdfAccumulator, hashedCounts } from '@arbiter/ml/features';
import { decodeArtifact } from './model-artifact';
import { runMlTask, type FitTask } from './ml-task';

const DIM = 4;
// Class c's vector points along axis c, scaled from 0.5 to 50 so normalisation, not scale, carries the class.
const vectorOf = (c: number, i: number) => Array.from({ length: DIM }, (_, j) => (j === c ? 1 : 0.2 * ((i + j) % 3)) * (0.5 + (i % 100)));
const rows = Array.from({ length: 120 }, (_, i) => ({ text: `item number ${i} says ${['alpha', 'beta', 'gamma'][i % 3]}`, label: Math.floor(i / 7) % 2, i }));
const train = rows.filter((r) => r.i % 4 !== 0);
const evaluation = rows.filter((r) => r.i % 4 === 0);
const idfOf = (texts: string[]) => {
  const acc = new IdfAccumulator();
  acc.addCounts(hashedCounts(texts));
  return acc.finish();
};
const vectors = (rs: typeof rows) => Float32Array.from(rs.flatMap((r) => vectorOf(r.label, r.i)));

describe('ML tasks with client vectors', () => {
  const task = (client: FitTask['client']): FitTask => ({
    op: 'fit',
    kind: 'logreg',
    numClasses: 2,
    seed: 3,
    idf: idfOf(rows.map((r) => r.text)),
    train: { texts: train.map((r) => r.text), labels: train.map((r) => r.label), weights: train.map(() => 1) },
    evaluation: { texts: evaluation.map((r) => r.text), labels: evaluation.map((r) => r.label) },
    sample: rows.map((r) => r.text),
    client,
  });

  it('trains on TF-IDF plus the vectors, records their dimension, and scores with the vectors as embeddings', async () => {
    const withVectors = await runMlTask(task({ dim: DIM, train: vectors(train), evaluation: vectors(evaluation) }));
    const textOnly = await runMlTask(task(null));
    if (withVectors.op !== 'fit' || textOnly.op !== 'fit') throw new Error('not a fit reply');
    // The texts carry no class: text alone is near chance, the vectors make it right.
    expect(withVectors.result.model!.metrics.accuracy).toBe(1);
    expect(textOnly.result.model!.metrics.accuracy).toBeLessThan(0.8);
    const artifact = decodeArtifact(Buffer.from(withVectors.result.artifact));
    expect([artifact.clientVectorDim, artifact.embedding, artifact.classifier!.denseDim]).toEqual([DIM, null, DIM]);

    const given = vectors(evaluation);
    const scored = await runMlTask({
      op: 'score',
      key: 'client',
      artifact: withVectors.result.artifact,
      texts: evaluation.map((r) => r.text),
      vectors: { data: given.slice(), dim: DIM },
    });
    if (scored.op !== 'score' || scored.missing) throw new Error('not scored');
    expect(Array.from(scored.embeddings!)).toEqual(Array.from(given));
    const predicted = evaluation.map((_, i) => (scored.probs![2 * i + 1] > 0.5 ? 1 : 0));
    expect(predicted).toEqual(evaluation.map((r) => r.label));
    await expect(runMlTask({ op: 'score', key: 'client', artifact: null, texts: ['x'], vectors: null })).rejects.toThrow(/client vectors of 4 numbers/);
  }, 120_000);
});
