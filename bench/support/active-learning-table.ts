// The RESULTS.md table of the active-learning benchmark: per strategy, mean accuracy at a few label counts, labels to
// 95% and 98% of full-data accuracy with how many seeds got there and the ratio to random, and full-data accuracy.
import { accuracyAt, compareToRandom, type CurvePoint, type CurveRun, type CurveSummary, type RandomComparison, type ReachSummary } from '@arbiter/domain/sampling';
import { RANDOM_STRATEGY } from './learning-curve-chart';

export interface StrategyRuns {
  strategy: string;
  runs: CurveRun[];
  summary: CurveSummary;
}

const labels = (x: number) => Math.round(x).toLocaleString('en-US');

function reachCells(reach: ReachSummary, versus: RandomComparison | null): string[] {
  const mean = reach.meanLabels === null ? 'not reached' : labels(reach.meanLabels);
  let ratio = '—';
  if (versus?.ratio != null) {
    // Say when the ratio rests on fewer seeds than the strategy ran.
    const n = versus.seeds.length;
    const paired = n < reach.runs ? ` (${n} seed${n === 1 ? '' : 's'})` : '';
    ratio = `**${versus.ratio.toFixed(2)}×**${paired}`;
  }
  return [mean, `${reach.reached}/${reach.runs}`, ratio];
}

/**
 * Mean accuracy at a label count; a count past the end of the curve but within a batch of it (a budget the rounds
 * step over) reads the last round, saying which.
 */
function accuracyCell(points: CurvePoint[], at: number, batch: number): string {
  const inside = accuracyAt({ points, labels: at });
  if (inside !== null) return inside.toFixed(3);
  const last = points[points.length - 1];
  return last && at > last.labels && at - last.labels < batch ? `${last.accuracy.toFixed(3)} (at ${labels(last.labels)})` : '—';
}

/** Table lines, strategies in the order given, random first when present. */
export function activeLearningTable(strategies: StrategyRuns[], checkpoints: number[], batch: number): string[] {
  const random = strategies.find((s) => s.strategy === RANDOM_STRATEGY);
  const ordered = random ? [random, ...strategies.filter((s) => s !== random)] : strategies;
  const header = [
    'strategy',
    ...checkpoints.map((c) => `accuracy at ${labels(c)}`),
    'labels to 95%',
    'reached',
    '× random',
    'labels to 98%',
    'reached',
    '× random',
    'full-data accuracy (min–max)',
  ];
  const rows = ordered.map(({ strategy, runs, summary }) => {
    const points = summary.curve.map((p) => ({ labels: p.labels, accuracy: p.mean }));
    const atCheckpoints = checkpoints.map((c) => accuracyCell(points, c, batch));
    const reach = summary.reach.flatMap((r) =>
      reachCells(r, random ? compareToRandom({ runs, randomRuns: random.runs, fraction: r.fraction }) : null),
    );
    const { mean, min, max } = summary.fullAccuracy;
    return [strategy, ...atCheckpoints, ...reach, `${mean.toFixed(3)} (${min.toFixed(3)}–${max.toFixed(3)})`];
  });
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}
