import { fitHashedTfidf, hashedTfidf } from '@arbiter/ml/features';
import { agnewsProtocol } from './agnews-protocol.testing';
import { predictProba } from './predict-proba';
import { type Backend, nativeBackendAvailable, selectBackend } from './tf-backend';
import { trainClassifier } from './train-classifier';

// The same training on two TF.js backends gives the same model to 1e-4 in every probability: the math is ours,
// the backend only executes it. The native backend (@tensorflow/tfjs-node) is optional and does not install on
// machines without access to its libtensorflow download; where it loads it is compared too.
const data = agnewsProtocol(1);
const pool = { texts: data.pool.texts.slice(0, 800), labels: data.pool.labels.slice(0, 800) };
const { matrix, idf } = fitHashedTfidf(pool.texts);
const held = hashedTfidf({ texts: data.test.texts.slice(0, 300), idf });

async function probabilities(backend: Backend, kind: 'logreg' | 'mlp') {
  await selectBackend({ prefer: backend });
  const model = await trainClassifier({ kind, features: matrix, labels: pool.labels, numClasses: 4, seed: 2, hiddenUnits: 16, maxSteps: kind === 'mlp' ? 60 : undefined });
  return predictProba({ model, features: held });
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  return a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);
}

describe('backends agree', () => {
  afterAll(() => selectBackend({ prefer: 'wasm' }), 30_000);

  it.each(['logreg', 'mlp'] as const)('%s: WASM and the plain-JavaScript CPU backend predict the same probabilities (1e-4)', async (kind) => {
    const wasm = await probabilities('wasm', kind);
    const cpu = await probabilities('cpu', kind);
    expect(maxDifference(wasm, cpu)).toBeLessThan(1e-4);
  }, 600_000);

  (nativeBackendAvailable() ? it : it.skip)('logreg: WASM and native TensorFlow predict the same probabilities (1e-4)', async () => {
    const wasm = await probabilities('wasm', 'logreg');
    const native = await probabilities('tensorflow', 'logreg');
    expect(maxDifference(wasm, native)).toBeLessThan(1e-4);
  }, 600_000);
});
