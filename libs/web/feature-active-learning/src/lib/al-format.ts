// How active-learning figures read on screen: strategies by name with a one-line explanation, a round's status as a
// sentence, metrics with three decimals, counts with separators.
import type { AlRound, AlStrategy, ModelKind } from '@arbiter/contracts';

export const STRATEGY_NAMES: Record<AlStrategy, string> = {
  random: 'Random',
  'least-confidence': 'Least confidence',
  margin: 'Margin',
  entropy: 'Entropy',
  'k-center': 'k-center (core-set)',
  'kmeans-pp': 'k-means++',
  hybrid: 'Hybrid (margin + diversity)',
  'lf-disagreement': 'LF disagreement',
};

export const STRATEGY_EXPLANATIONS: Record<AlStrategy, string> = {
  random: 'A uniform draw: the baseline every other strategy is measured against.',
  'least-confidence': 'Items whose most likely label the model is least sure of (1 − max p).',
  margin: "Items whose two most likely labels are closest (p1 − p2): the model's hardest calls.",
  entropy: "Items whose predicted label distribution is most spread out (−Σ p ln p).",
  'k-center': 'Items farthest from everything already labeled, so the batch covers the data (no model needed).',
  'kmeans-pp': 'A spread-out sample following the data’s density (k-means++ seeding); also the cold-start choice.',
  hybrid: 'The top M items by margin, clustered into one pick per cluster: uncertain, but not near-copies.',
  'lf-disagreement': 'Items where labeling functions conflict or the label model is unsure.',
};

export const MODEL_KIND_NAMES: Record<ModelKind, string> = {
  logreg: 'Logistic regression',
  mlp: 'Small neural network (MLP)',
};

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A metric in [0, 1] with three decimals; null (nothing to measure it on) → "—". */
export function formatMetric(x: number | null): string {
  return x === null || !Number.isFinite(x) ? '—' : x.toFixed(3);
}

/** "0.084 → 0.031": expected calibration error before and after temperature scaling. */
export function formatEce(before: number | null, after: number | null): string {
  if (before === null && after === null) return '—';
  return `${formatMetric(before)} → ${formatMetric(after)}`;
}

/** The strategy that chose, naming the configured one when it fell back (k-means++ on a cold start or warm-up). */
export function usedStrategyText(round: Pick<AlRound, 'strategy' | 'usedStrategy'>): string {
  const used = round.usedStrategy ?? round.strategy;
  return used === round.strategy ? STRATEGY_NAMES[used] : `${STRATEGY_NAMES[used]} (instead of ${STRATEGY_NAMES[round.strategy]})`;
}

/** What a round is doing or did, as one sentence. */
export function roundText(round: AlRound): string {
  const model = round.modelVersion === null ? 'the model' : `model v${round.modelVersion}`;
  switch (round.status) {
    case 'queued':
      return 'Round queued, waiting for a worker…';
    case 'training':
      return round.modelVersion === null ? 'Training a new model version…' : `Training model v${round.modelVersion}…`;
    case 'scoring':
      return `Scoring the pool with ${model}: ${formatCount(round.scored)} of ${formatCount(round.poolSize)} items`;
    case 'selecting':
      return `Selecting ${formatCount(round.batchSize)} items by ${usedStrategyText(round)}…`;
    case 'done':
      return `Last round: ${model} scored ${formatCount(round.poolSize)} items and ${usedStrategyText(round)} chose ${formatCount(round.selected)} for annotation`;
    case 'failed':
      return `Last round failed: ${round.error ?? 'no reason given'}`;
  }
}

export const TRIGGER_NAMES: Record<AlRound['trigger'], string> = {
  manual: 'started by hand',
  labels: 'new labels',
  'lf-change': 'LF change',
  schedule: 'schedule',
};
