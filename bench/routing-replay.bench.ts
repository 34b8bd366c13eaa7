// Issue 10's evidence for learning the routing policy: a replay on real data. Arbiter's own classifier (logistic
// regression on hashed TF-IDF, as the classifier bench trains it) predicts each dataset's held-out rows; their gold
// labels play the reviewers' verdicts; fitRoutingPolicy splits them by a hash of the prediction id (five split
// seeds), fits the temperature and a bias per class and learns the review price on one half (adopted only when it saves out of fold
// there, else the review cost) and scores every policy on the other half.
// Reported per dataset × cost matrix: held-out totals summed over the seeds, the learned policy against the best
// fixed confidence threshold in hindsight and a fixed 0.5 threshold, and the cost curves of split seed 1 as SVG.
//   npm run bench -- routing-replay     (or: node --require tsx/cjs bench/routing-replay.bench.ts after a build)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type * as classifierSources from '@arbiter/ml/classifier';
import type * as featureSources from '@arbiter/ml/features';
import { fitRoutingPolicy, type ReviewedPrediction, type RoutingPolicyFit } from '@arbiter/domain/routing';
import { AGNEWS_SPLIT_SEED, agnewsSplit, type LabeledText, youtubeSplit } from './support/active-learning-data';
import { loadBuilt } from './support/built';
import { costCurveSvg } from './support/cost-curve-chart';
import { recordResult } from './support/report';

const classifier = loadBuilt<typeof classifierSources>('libs/ml/classifier');
const features = loadBuilt<typeof featureSources>('libs/ml/features');
const SPLIT_SEEDS = [1, 2, 3, 4, 5];
// A review costs a fifth of an ordinary mistake (the server's default policy: review when P(wrong) > 0.2).
const REVIEW_COST = 0.2;
const GOAL_RATIO = 1.02;
const CHART_DIR = resolve(__dirname, 'results');

interface CostCase {
  name: string;
  costMatrix: number[][];
  why: string;
}

interface Dataset {
  key: string;
  title: string;
  classes: string[];
  split: () => { train: LabeledText[]; test: LabeledText[] };
  describe: string;
  costs: CostCase[];
}

/** 1 off the diagonal, 0 on it, then `cost` in the cells `where` picks. */
function costs(k: number, cost: number, where: (truth: number, decided: number) => boolean): number[][] {
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 0 : where(i, j) ? cost : 1)));
}

const DATASETS: Dataset[] = [
  {
    key: 'agnews',
    title: 'AG News',
    classes: ['World', 'Sports', 'Business', 'Sci/Tech'],
    split: agnewsSplit,
    describe: `AG News on the active-learning split (\`shuffledIndices(7600, ${AGNEWS_SPLIT_SEED})\`): trained on the 6,000-row pool, the 1,600 held-out rows replayed as reviewed predictions`,
    costs: [
      { name: '0/1', costMatrix: costs(4, 1, () => false), why: 'every mistake alike' },
      {
        name: 'missed Business ×10',
        costMatrix: costs(4, 10, (truth) => truth === 2),
        why: 'a business story filed elsewhere costs 10 (a finance desk misses it), which pulls decisions toward Business',
      },
      {
        name: 'false World ×10',
        costMatrix: costs(4, 10, (_truth, decided) => decided === 0),
        why: 'labelling a story World when it is not costs 10 (World goes to the front page), which pushes decisions away from World',
      },
    ],
  },
  {
    key: 'youtube',
    title: 'YouTube spam',
    classes: ['ham', 'spam'],
    split: youtubeSplit,
    describe: 'YouTube Spam Collection on the Snorkel/WRENCH split: trained on its 1,586 train rows, its 250 test rows replayed as reviewed predictions',
    costs: [
      { name: '0/1', costMatrix: costs(2, 1, () => false), why: 'every mistake alike' },
      {
        name: 'deleted ham ×10',
        costMatrix: costs(2, 10, (truth) => truth === 0),
        why: 'removing a genuine comment as spam costs 10 (an angry user), a missed spam 1',
      },
      {
        name: 'missed spam ×10',
        costMatrix: costs(2, 10, (truth) => truth === 1),
        why: 'spam left up costs 10 (scam links), a wrongly removed comment 1',
      },
    ],
  },
];

async function reviewedPredictions(dataset: Dataset): Promise<{ predictions: ReviewedPrediction[]; accuracy: number }> {
  const { train, test } = dataset.split();
  const k = dataset.classes.length;
  const { matrix, idf } = features.fitHashedTfidf(train.map((r) => r.text));
  const held = features.hashedTfidf({ texts: test.map((r) => r.text), idf });
  await classifier.selectBackend({ prefer: 'wasm' });
  const model = await classifier.trainClassifier({ kind: 'logreg', features: matrix, labels: train.map((r) => r.label), numClasses: k, seed: 1 });
  const probs = await classifier.predictProba({ model, features: held });
  const predictions = test.map((row, i) => ({ id: `${dataset.key}-${i}`, probs: Array.from(probs.subarray(i * k, (i + 1) * k)), label: row.label }));
  return { predictions, accuracy: classifier.argmaxAccuracy(probs, k, test.map((r) => r.label)) };
}

const sum = (fits: RoutingPolicyFit[], pick: (f: RoutingPolicyFit) => number) => fits.reduce((s, f) => s + pick(f), 0);
const range = (xs: number[], digits: number) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

interface RowSummary {
  line: string;
  /** learned / best fixed in hindsight, and the calibrated policy at the review cost / best fixed. */
  toBest: number;
  atReviewCostToBest: number;
  toFixed: number;
}

function tableRow(c: CostCase, fits: RoutingPolicyFit[]): RowSummary {
  const total = (pick: (f: RoutingPolicyFit) => number) => sum(fits, pick);
  const learned = total((f) => f.evaluation.learned.total);
  const best = total((f) => f.evaluation.bestThreshold.total);
  const fixed = total((f) => f.evaluation.fixedThreshold.total);
  const perSeed = fits.map((f) => f.evaluation.learned.total / f.evaluation.bestThreshold.total);
  const atReviewCost = total((f) => f.evaluation.atReviewCost.total);
  const routed = total((f) => f.evaluation.learned.routed) / total((f) => f.heldOutRows);
  const cells = [
    c.name,
    fmt(learned),
    fmt(total((f) => f.evaluation.routeAll.total)),
    fmt(total((f) => f.evaluation.routeNone.total)),
    fmt(fixed),
    fmt(best),
    `**${(learned / best).toFixed(3)}×** (${range(perSeed, 2)})`,
    `**${(learned / fixed).toFixed(2)}×**`,
    fmt(atReviewCost),
    `${(100 * routed).toFixed(0)}%`,
    range(fits.map((f) => f.policy.temperature!), 2),
    range(fits.map((f) => f.policy.reviewPrice!), 3),
    `${fits.filter((f) => f.priceCheck.adopted).length} of ${fits.length} (${range(fits.map((f) => f.priceCheck.learnedPrice), 3)})`,
  ];
  return { line: `| ${cells.join(' | ')} |`, toBest: learned / best, atReviewCostToBest: atReviewCost / best, toFixed: learned / fixed };
}

async function main(): Promise<void> {
  mkdirSync(CHART_DIR, { recursive: true });
  const lines: string[] = [
    `Command: \`npm run bench -- routing-replay\` (it builds, then runs \`node --expose-gc --require tsx/cjs bench/routing-replay.bench.ts\`). Logistic regression (\`trainClassifier\` kind logreg, seed 1, WASM, with its own temperature fitted on a 15% validation slice) predicts held-out rows; gold labels are revealed as verdicts. \`fitRoutingPolicy\` splits them by MurmurHash3(prediction id, split seed) into halves, fits the temperature and a bias per class (softmax(ln p / T + b), \`fitTemperatureAndBias\`) and learns the review price on one, and scores on the other; split seeds ${SPLIT_SEEDS.join(', ')}. A review costs ${REVIEW_COST}; an ordinary mistake 1; cells marked ×10 cost 10.`,
    '',
    'Totals are held-out costs summed over the five split seeds (each seed’s half is about half the rows). Best fixed in hindsight is each seed’s best confidence threshold chosen on the very rows it is scored on (an oracle no policy can run). At review cost: the calibrated policy at price = review cost, what a perfectly calibrated model would use (no price learned). With two classes max p ≥ 0.5, so a fixed 0.5 threshold routes nothing. Price: the learned policy’s reviewPrice; the price cheapest on the fit half becomes it only when its saving over the review cost, measured by 5-fold cross-validation within the fit half, exceeds two standard errors (`checkLearnedPrice`), else the price is the review cost.',
  ];
  const verdicts: string[] = [];
  for (const dataset of DATASETS) {
    const started = performance.now();
    const { predictions, accuracy } = await reviewedPredictions(dataset);
    console.log(`${dataset.title}: ${predictions.length} predictions, accuracy ${accuracy.toFixed(4)} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    lines.push(
      '',
      `### ${dataset.title}`,
      '',
      `${dataset.describe}; held-out accuracy ${accuracy.toFixed(4)}. Classes ${dataset.classes.map((c, i) => `${i} ${c}`).join(', ')}. Cost matrices: ${dataset.costs.map((c) => `**${c.name}**, ${c.why}`).join('; ')}.`,
      '',
      '| costs | learned | route-all | route-none | fixed 0.5 | best fixed in hindsight | learned / best fixed (per seed) | learned / fixed 0.5 | at review cost | routed (learned) | T | price | adopted (cheapest price on the fit half) |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    );
    const panels = [];
    for (const c of dataset.costs) {
      const fits = SPLIT_SEEDS.map((seed) => fitRoutingPolicy({ policy: { schemaVersion: 1, costMatrix: c.costMatrix, reviewCost: REVIEW_COST }, predictions, seed }));
      const row = tableRow(c, fits);
      lines.push(row.line);
      console.log(row.line);
      const asymmetric = c.name !== '0/1';
      verdicts.push(
        `${dataset.title}, ${c.name}: learned / best fixed ${row.toBest.toFixed(3)}×, ${row.toBest <= GOAL_RATIO ? 'within' : '**not within**'} ${GOAL_RATIO}×` +
          ` (the calibrated policy at the review cost: ${row.atReviewCostToBest.toFixed(3)}×)` +
          (asymmetric ? `; learned / fixed 0.5 ${row.toFixed.toFixed(2)}×, ${row.toFixed < 1 ? 'below it' : '**not below it**'}` : ''),
      );
      panels.push({ title: `${c.name} (split seed ${SPLIT_SEEDS[0]})`, evaluation: fits[0].evaluation });
    }
    const chart = `routing-replay-${dataset.key}.svg`;
    writeFileSync(
      join(CHART_DIR, chart),
      costCurveSvg({ title: `${dataset.title}: held-out cost against share routed`, subtitle: `logistic regression, review cost ${REVIEW_COST}, held-out half of split seed ${SPLIT_SEEDS[0]}`, panels }),
    );
    lines.push('', `![${dataset.title} cost curves](results/${chart})`);
  }
  lines.push('', 'Against issue 10’s goal (learned ≤ 1.02× the best fixed threshold in hindsight; clearly below fixed 0.5 with asymmetric costs):', '', ...verdicts.map((v) => `- ${v}.`));
  console.log(verdicts.join('\n'));
  recordResult('routing-replay', lines);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
