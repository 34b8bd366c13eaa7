// A replay's raw runs (one per strategy and seed) turned into what the screen shows: per strategy the mean curve
// with its min–max band over seeds, the labels each needed to reach 95% / 98% of full-data accuracy, and that cost
// relative to random sampling paired by seed. The arithmetic is libs/domain/sampling's, shared with the benchmark.
import type { Replay } from '@arbiter/contracts';
import { compareToRandom, DEFAULT_FRACTIONS, summariseCurves, type CurveRun, type CurveSummary, type RandomComparison } from './learning-curve-math';

export const RANDOM_STRATEGY = 'random';

export interface StrategyReplay {
  strategy: string;
  runs: CurveRun[];
  summary: CurveSummary;
  /** Per fraction of `summary.reach`: this strategy against random, or null for random itself or without random. */
  versusRandom: (RandomComparison | null)[];
}

/**
 * Per strategy, random first, then in the order the results name them. Runs without points yet (a replay in
 * progress) are left out; a seed reported twice counts once, the later report.
 */
export function summariseReplay(results: Replay['results'], fractions: readonly number[] = DEFAULT_FRACTIONS): StrategyReplay[] {
  const byStrategy = new Map<string, Map<number, CurveRun>>();
  for (const r of results) {
    if (r.points.length === 0) continue;
    const seeds = byStrategy.get(r.strategy) ?? new Map<number, CurveRun>();
    seeds.set(r.seed, { seed: r.seed, fullAccuracy: r.fullAccuracy, points: r.points });
    byStrategy.set(r.strategy, seeds);
  }
  const strategies = [...byStrategy.keys()].sort((a, b) => Number(b === RANDOM_STRATEGY) - Number(a === RANDOM_STRATEGY));
  const randomRuns = [...(byStrategy.get(RANDOM_STRATEGY)?.values() ?? [])];
  return strategies.map((strategy) => {
    const runs = [...(byStrategy.get(strategy)?.values() ?? [])];
    const versus = strategy !== RANDOM_STRATEGY && randomRuns.length > 0;
    return {
      strategy,
      runs,
      summary: summariseCurves({ runs, fractions }),
      versusRandom: fractions.map((fraction) => (versus ? compareToRandom({ runs, randomRuns, fraction }) : null)),
    };
  });
}

/** The mean full-data accuracy over every run: the ceiling the chart's dashed targets are fractions of. */
export function meanFullAccuracy(strategies: readonly StrategyReplay[]): number | null {
  const all = strategies.flatMap((s) => s.runs.map((r) => r.fullAccuracy));
  return all.length === 0 ? null : all.reduce((a, b) => a + b, 0) / all.length;
}
