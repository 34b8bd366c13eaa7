import { deserialiseModel, serialiseModel } from './model-bytes';
import { predictProba } from './predict-proba';
import { trainClassifier } from './train-classifier';

describe('model bytes', () => {
  it('round-trips a trained model: the decoded one predicts exactly the same probabilities', async () => {
    const csr = { rows: 48, cols: 64, indptr: Int32Array.from({ length: 49 }, (_, i) => i * 2), indices: Int32Array.from({ length: 96 }, (_, i) => ((i >> 1) % 4) * 8 + (i % 2) + ((i >> 3) % 3)), data: new Float32Array(96).fill(0.7) };
    const labels = Array.from({ length: 48 }, (_, i) => i % 4 % 3);
    const model = await trainClassifier({ kind: 'mlp', features: csr, labels, numClasses: 3, seed: 5, hiddenUnits: 4, maxSteps: 30 });
    const bytes = serialiseModel(model);
    const copy = deserialiseModel(bytes);
    expect(copy.temperature).toBe(model.temperature);
    expect(Array.from(copy.columns.buckets)).toEqual(Array.from(model.columns.buckets));
    expect(Array.from(await predictProba({ model: copy, features: csr }))).toEqual(Array.from(await predictProba({ model, features: csr })));
  }, 60_000);

  it('refuses bytes that are not a model', () => {
    expect(() => deserialiseModel(new Uint8Array([1, 2, 3, 4, 0, 0, 0, 0]))).toThrow('not a serialised Arbiter model');
  }, 10_000);
});
