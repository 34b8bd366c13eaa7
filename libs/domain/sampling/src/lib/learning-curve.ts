// Learning-curve arithmetic for active-learning runs (accuracy on a held-out set against gold labels spent): how
// many labels a run needed to reach a target, the mean curve and its spread over seeds, and a strategy's label cost
// relative to random sampling on the same seeds. Plain numbers in and out; the simulator and the charts live elsewhere.

export interface CurvePoint {
  /** Gold labels spent so far, the initial sample included. */
  labels: number;
  /** Held-out accuracy of the model trained on those labels. */
  accuracy: number;
}

/** One simulated run of one strategy with one seed, as `al:simulate` writes it. */
export interface CurveRun {
  seed: number;
  /** The same model trained on every training row: the ceiling the targets are fractions of. */
  fullAccuracy: number;
  /** In increasing `labels`. */
  points: readonly CurvePoint[];
}

export interface BandPoint {
  labels: number;
  mean: number;
  min: number;
  max: number;
  /** How many runs cover this label count (a run does not extend past its last point). */
  runs: number;
}

export interface ReachSummary {
  /** The target as a fraction of each run's own `fullAccuracy`. */
  fraction: number;
  /** Per run, in the order given: labels needed, or null when the run never reached the target. */
  bySeed: { seed: number; labels: number | null }[];
  reached: number;
  runs: number;
  /** Mean over the runs that reached the target only (read it with `reached`/`runs`); null when none did. */
  meanLabels: number | null;
}

export interface CurveSummary {
  seeds: number[];
  fullAccuracy: { mean: number; min: number; max: number };
  curve: BandPoint[];
  reach: ReachSummary[];
}

export interface RandomComparison {
  fraction: number;
  /** Seeds both sets ran. */
  commonSeeds: number;
  strategyReached: number;
  randomReached: number;
  /** Seeds both reached the target on: the sample both means and the ratio are taken over. */
  seeds: number[];
  strategyMean: number | null;
  randomMean: number | null;
  /** strategyMean / randomMean (a ratio of means, not a mean of per-seed ratios); below 1 = fewer labels. */
  ratio: number | null;
}

// `fraction × fullAccuracy` is rounded (0.98 × 0.92 = 0.9016000000000001): an accuracy this close counts as reached.
const TOLERANCE = 1e-12;

export const DEFAULT_FRACTIONS: readonly number[] = [0.95, 0.98];

function checkCurve(points: readonly CurvePoint[]): void {
  points.forEach(({ labels, accuracy }, i) => {
    if (!Number.isFinite(labels) || !Number.isFinite(accuracy)) throw new RangeError(`point ${i} is not finite`);
    if (i > 0 && labels <= points[i - 1].labels) throw new RangeError(`points must be in strictly increasing labels (point ${i}: ${labels})`);
  });
}

/**
 * The first label count at which accuracy reaches `target`, or null when it never does. The curve is measured once
 * per batch, so between the last point below the target and the first at or above it the count is interpolated
 * linearly: reading off the first point above would overstate the cost by up to a batch, and unevenly so between
 * strategies. The first crossing counts even if a later point dips below again (the labels were already spent).
 * A run that starts at or above the target returns its first point: there is nothing to interpolate from.
 */
export function labelsToReach({ points, target }: { points: readonly CurvePoint[]; target: number }): number | null {
  checkCurve(points);
  const i = points.findIndex((p) => p.accuracy >= target - TOLERANCE);
  if (i === -1) return null;
  if (i === 0) return points[0].labels;
  const a = points[i - 1];
  const b = points[i];
  const t = Math.min(1, (target - a.accuracy) / (b.accuracy - a.accuracy));
  return a.labels + t * (b.labels - a.labels);
}

/** Accuracy at `labels`, interpolated linearly between the bracketing points; null outside the measured range. */
export function accuracyAt({ points, labels }: { points: readonly CurvePoint[]; labels: number }): number | null {
  checkCurve(points);
  const j = points.findIndex((p) => p.labels >= labels);
  if (j === -1 || (j === 0 && points[0].labels > labels)) return null;
  const b = points[j];
  if (b.labels === labels) return b.accuracy;
  const a = points[j - 1];
  return a.accuracy + ((labels - a.labels) / (b.labels - a.labels)) * (b.accuracy - a.accuracy);
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

function checkRuns(runs: readonly CurveRun[]): void {
  if (runs.length === 0) throw new RangeError('no runs to summarise');
  const seeds = new Set(runs.map((r) => r.seed));
  if (seeds.size !== runs.length) throw new RangeError('two runs share a seed');
}

function reachOf(runs: readonly CurveRun[], fraction: number): ReachSummary {
  const bySeed = runs.map((r) => ({ seed: r.seed, labels: labelsToReach({ points: r.points, target: fraction * r.fullAccuracy }) }));
  const hit = bySeed.flatMap((s) => (s.labels === null ? [] : [s.labels]));
  return { fraction, bySeed, reached: hit.length, runs: runs.length, meanLabels: hit.length ? mean(hit) : null };
}

/**
 * Several seeds of one strategy: the mean curve with its min–max band on the union of the runs' label counts (a run
 * without a point at a count is interpolated there, and leaves the count out past its last point), and the labels
 * each run needed to reach each fraction of its own full-data accuracy. Min–max rather than ± sd: with five seeds
 * an sd is itself noisy, and the band should show the worst seed. Never-reached runs are counted, not dropped.
 */
export function summariseCurves({ runs, fractions = DEFAULT_FRACTIONS }: { runs: readonly CurveRun[]; fractions?: readonly number[] }): CurveSummary {
  checkRuns(runs);
  const counts = [...new Set(runs.flatMap((r) => r.points.map((p) => p.labels)))].sort((a, b) => a - b);
  const curve = counts.map((labels): BandPoint => {
    const ys = runs.flatMap((r) => accuracyAt({ points: r.points, labels }) ?? []);
    return { labels, mean: mean(ys), min: Math.min(...ys), max: Math.max(...ys), runs: ys.length };
  });
  const full = runs.map((r) => r.fullAccuracy);
  return {
    seeds: runs.map((r) => r.seed),
    fullAccuracy: { mean: mean(full), min: Math.min(...full), max: Math.max(...full) },
    curve,
    reach: fractions.map((f) => reachOf(runs, f)),
  };
}

/**
 * A strategy's label cost relative to random sampling at one fraction of full-data accuracy, paired by seed: both
 * means are taken over the seeds both ran and both reached the target on, so a seed that only one of them reached
 * cannot tilt the ratio (it shows in the reached counts instead).
 */
export function compareToRandom({ runs, randomRuns, fraction }: { runs: readonly CurveRun[]; randomRuns: readonly CurveRun[]; fraction: number }): RandomComparison {
  checkRuns(runs);
  checkRuns(randomRuns);
  const ours = new Map(reachOf(runs, fraction).bySeed.map((s) => [s.seed, s.labels]));
  const theirs = new Map(reachOf(randomRuns, fraction).bySeed.map((s) => [s.seed, s.labels]));
  const common = [...ours.keys()].filter((seed) => theirs.has(seed));
  const seeds = common.filter((seed) => ours.get(seed) !== null && theirs.get(seed) !== null);
  const strategyMean = seeds.length ? mean(seeds.map((s) => ours.get(s) as number)) : null;
  const randomMean = seeds.length ? mean(seeds.map((s) => theirs.get(s) as number)) : null;
  return {
    fraction,
    commonSeeds: common.length,
    strategyReached: common.filter((s) => ours.get(s) !== null).length,
    randomReached: common.filter((s) => theirs.get(s) !== null).length,
    seeds,
    strategyMean,
    randomMean,
    ratio: strategyMean !== null && randomMean !== null && randomMean > 0 ? strategyMean / randomMean : null,
  };
}
