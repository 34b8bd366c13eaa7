import { predictProba, trainClassifier } from '@arbiter/ml/classifier';
import { fitEmbedding, fitHashedTfidf } from '@arbiter/ml/features';
import { decodeArtifact, encodeArtifact } from './model-artifact';

const TEXTS = ['the match ended in a draw', 'the striker scored twice', 'a late goal won the cup', 'shares fell on weak earnings',
  'the bank raised interest rates', 'markets rallied after the report'];
const LABELS = [0, 0, 0, 1, 1, 1];

describe('model artifact', () => {
  it('decodes to a model that scores texts exactly as the one encoded', async () => {
    const { matrix, idf } = fitHashedTfidf(TEXTS);
    const classifier = await trainClassifier({ kind: 'logreg', features: matrix, labels: LABELS, numClasses: 2, seed: 7 });
    const embedding = fitEmbedding({ csr: matrix, dim: 3, seed: 7, minDf: 1 });
    const decoded = decodeArtifact(encodeArtifact({ numClasses: 2, idf, embedding, classifier, clientVectorDim: null }));
    expect(decoded.idf).toEqual(idf);
    expect(decoded.clientVectorDim).toBeNull();
    expect(decoded.embedding).toEqual(embedding);
    expect(decoded.numClasses).toBe(2);
    const before = await predictProba({ model: classifier, features: matrix });
    const after = await predictProba({ model: decoded.classifier!, features: matrix });
    expect(Array.from(after)).toEqual(Array.from(before));
  }, 60_000);

  it('keeps a model on client vectors: their dimension, and the same scores from text and vector', async () => {
    const { matrix, idf } = fitHashedTfidf(TEXTS);
    const dense = { data: Float32Array.from(LABELS.flatMap((y) => (y ? [0, 1] : [1, 0]))), dim: 2 };
    const classifier = await trainClassifier({ kind: 'logreg', features: matrix, dense, labels: LABELS, numClasses: 2, seed: 7 });
    const decoded = decodeArtifact(encodeArtifact({ numClasses: 2, idf, embedding: null, classifier, clientVectorDim: 2 }));
    expect([decoded.clientVectorDim, decoded.embedding, decoded.classifier!.denseDim]).toEqual([2, null, 2]);
    const before = await predictProba({ model: classifier, features: matrix, dense });
    expect(Array.from(await predictProba({ model: decoded.classifier!, features: matrix, dense }))).toEqual(Array.from(before));
  }, 60_000);

  it('keeps a cold start without a classifier, and refuses bytes that are not an artifact', () => {
    const { idf } = fitHashedTfidf(TEXTS);
    const cold = { numClasses: 4, idf, embedding: null, classifier: null, clientVectorDim: 8 };
    expect(decodeArtifact(encodeArtifact(cold))).toEqual(cold);
    expect(() => decodeArtifact(Buffer.from('ARBM....'))).toThrow(/not an Arbiter model artifact/);
  }, 30_000);
});
