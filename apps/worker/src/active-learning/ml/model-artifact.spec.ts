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
    const decoded = decodeArtifact(encodeArtifact({ numClasses: 2, idf, embedding, classifier }));
    expect(decoded.idf).toEqual(idf);
    expect(decoded.embedding).toEqual(embedding);
    expect(decoded.numClasses).toBe(2);
    const before = await predictProba({ model: classifier, features: matrix });
    const after = await predictProba({ model: decoded.classifier!, features: matrix });
    expect(Array.from(after)).toEqual(Array.from(before));
  }, 60_000);

  it('keeps a cold start without a classifier, and refuses bytes that are not an artifact', () => {
    const { idf } = fitHashedTfidf(TEXTS);
    expect(decodeArtifact(encodeArtifact({ numClasses: 4, idf, embedding: null, classifier: null }))).toEqual({ numClasses: 4, idf, embedding: null, classifier: null });
    expect(() => decodeArtifact(Buffer.from('ARBM....'))).toThrow(/not an Arbiter model artifact/);
  });
});
