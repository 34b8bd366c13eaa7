// The model's cost: training time and held-out accuracy of logistic regression (and the MLP) per TF.js backend on
// issue 9's agnews protocol (6,000 pool rows, 1,600 held out), and pool scoring throughput — predictProba over a
// 240,000-row pool (the agnews pool repeated) — as a ratio against one plain pass over the same Float32Array of
// feature values. Run with `npm run bench -- classifier`.
import type * as classifierSources from '@arbiter/ml/classifier';
import type * as featureSources from '@arbiter/ml/features';
import { shuffledIndices } from '@arbiter/util/random';
import { loadBuilt } from './support/built';
import { readSharedFile } from './support/shared-data';
import { median, recordResult } from './support/report';

const classifier = loadBuilt<typeof classifierSources>('libs/ml/classifier');
const features = loadBuilt<typeof featureSources>('libs/ml/features');
const REPEATS = 3;
const POOL_COPIES = 40;

type Csr = featureSources.CsrMatrix;

function repeatRows(csr: Csr, copies: number): Csr {
  const nnz = csr.indptr[csr.rows];
  const indptr = new Int32Array(csr.rows * copies + 1);
  const indices = new Int32Array(nnz * copies);
  const data = new Float32Array(nnz * copies);
  for (let c = 0; c < copies; c++) {
    indices.set(csr.indices.subarray(0, nnz), c * nnz);
    data.set(csr.data.subarray(0, nnz), c * nnz);
    for (let r = 0; r < csr.rows; r++) indptr[c * csr.rows + r + 1] = c * nnz + csr.indptr[r + 1];
  }
  return { rows: csr.rows * copies, cols: csr.cols, indptr, indices, data };
}

async function main() {
  const rows = readSharedFile('agnews-test/test.jsonl').toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { sentence: string; label: number });
  const order = shuffledIndices(rows.length, 1);
  const pick = (from: number, to: number) => Array.from(order.subarray(from, to), (i) => rows[i]);
  const pool = pick(1600, rows.length);
  const test = pick(0, 1600);
  const { matrix, idf } = features.fitHashedTfidf(pool.map((r) => r.sentence));
  const held = features.hashedTfidf({ texts: test.map((r) => r.sentence), idf });
  const backends: classifierSources.Backend[] = ['wasm', 'cpu', ...(classifier.nativeBackendAvailable() ? (['tensorflow'] as const) : [])];

  const table = ['| backend | model | training (median of 3) | steps | held-out accuracy | ECE before → after temperature |', '|---|---|---|---|---|---|'];
  let wasmModel: classifierSources.TrainedClassifier | null = null;
  for (const backend of backends) {
    await classifier.selectBackend({ prefer: backend });
    // The MLP on the plain-JavaScript CPU backend takes many minutes (150k × 64 first-layer weights): WASM and native only.
    for (const kind of backend === 'cpu' ? (['logreg'] as const) : (['logreg', 'mlp'] as const)) {
      const repeats = kind === 'mlp' ? 1 : REPEATS;
      const times: number[] = [];
      let model: classifierSources.TrainedClassifier | null = null;
      for (let i = 0; i < repeats; i++) {
        const start = performance.now();
        model = await classifier.trainClassifier({ kind, features: matrix, labels: pool.map((r) => r.label), numClasses: 4, seed: 1 });
        times.push((performance.now() - start) / 1000);
      }
      const m = model as classifierSources.TrainedClassifier;
      if (backend === 'wasm' && kind === 'logreg') wasmModel = m;
      const acc = classifier.argmaxAccuracy(await classifier.predictProba({ model: m, features: held }), 4, test.map((r) => r.label));
      const ece = `${m.metrics.eceBefore?.toFixed(3)} → ${m.metrics.eceAfter?.toFixed(3)}`;
      table.push(`| ${backend} | ${kind} | ${median(times).toFixed(1)} s${repeats === 1 ? ' (one run)' : ''} | ${m.metrics.steps} | ${acc.toFixed(4)} | ${ece} |`);
      console.log(table.at(-1));
    }
  }

  await classifier.selectBackend({ prefer: 'wasm' });
  const big = repeatRows(matrix, POOL_COPIES);
  const pass: number[] = [];
  const scoring: number[] = [];
  let sink = 0;
  for (let i = 0; i < REPEATS + 1; i++) {
    let start = performance.now();
    let sum = 0;
    for (let e = 0; e < big.data.length; e++) sum += big.data[e];
    sink += sum;
    if (i) pass.push((performance.now() - start) / 1000);
    start = performance.now();
    sink += (await classifier.predictProba({ model: wasmModel as classifierSources.TrainedClassifier, features: big }))[0];
    if (i) scoring.push((performance.now() - start) / 1000);
  }
  console.log(`(sink ${sink})`);
  const rate = big.rows / median(scoring);
  table.push(
    '',
    `Pool scoring (logistic regression, WASM): ${big.rows} rows, ${big.data.length} stored values (${(big.data.length / big.rows).toFixed(1)} per row).`,
    '',
    '| baseline: one pass summing the values (median of 3) | predictProba (median of 3) | ratio | rows/s |',
    '|---|---|---|---|',
    `| ${(median(pass) * 1000).toFixed(1)} ms | ${median(scoring).toFixed(2)} s | **${(median(scoring) / median(pass)).toFixed(0)}×** | ${Math.round(rate)} |`,
    '',
    `At this rate a 1,000,000-item pool scores in about ${(1e6 / rate).toFixed(0)} s on one worker (chunks spread over several workers in the server).`,
  );
  recordResult('classifier', table);
}

void main();
