// Snorkel 0.9's matrix-completion label model (Ratner et al., AAAI 2019), without gold labels: find
// μ[a][y] = P(indicator a on | Y = y) so that μ P μᵀ matches the observed overlaps O off the per-LF blocks
// and μ P 1 matches the propensities diag(O). Same objective, initialisation and optimiser as Snorkel
// (SGD, lr 0.01, momentum 0.9, l2 0, prec_init 0.7), 500 epochs as in its spam tutorial; float64 here.
import { maxWeightAssignment } from './column-permutation';
import type { OverlapStatistics } from './sufficient-statistics';

export interface GenerativeFitOptions {
  /** Seeds the random scale of the initial μ (Snorkel draws it with numpy). Default 123. */
  seed?: number;
  /** Gradient steps on the whole objective. Default 500 (Snorkel's spam tutorial; its default is 100). */
  epochs?: number;
  learningRate?: number;
  momentum?: number;
  /** Initial precision P(Y = v | LF votes v), Snorkel's prec_init: μ starts at P(votes v) · precision / P(Y = v).
   * Default 0.7. */
  precisionInit?: number;
}

export interface MatrixCompletionFit {
  /** d × k row-major: mu[(j·k + v)·k + y] = P(LF j votes v | Y = y), clamped to [ε, 1 - ε]. */
  mu: Float64Array;
  /** The objective at the returned μ (after clamping). */
  loss: number;
}

/** mulberry32: a tiny seeded PRNG, enough for one draw. */
function uniform01(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function initialMu(stats: OverlapStatistics, p: readonly number[], precisionInit: number, seed: number): Float64Array {
  const { d, k, overlap } = stats;
  const mu = new Float64Array(d * k);
  const scale = uniform01(seed);
  for (let a = 0; a < d; a++) {
    const y = a % k; // indicator "LF votes y" starts as evidence for class y only
    mu[a * k + y] = Math.min(1, Math.max(0, (overlap[a * d + a] * precisionInit) / p[y])) * scale;
  }
  return mu;
}

/** One evaluation of the objective and its gradient (into grad); returns the loss. Exported for its spec. */
export function lossAndGradient(
  stats: OverlapStatistics,
  p: readonly number[],
  mu: Float64Array,
  resid: Float64Array,
  grad: Float64Array,
): number {
  const { d, k, overlap } = stats;
  let loss = 0;
  for (let a = 0; a < d; a++) {
    const blockEnd = (Math.floor(a / k) + 1) * k; // same-LF block is masked out (diagonal by construction)
    for (let b = a; b < d; b++) {
      let r = 0;
      if (b >= blockEnd) {
        r = overlap[a * d + b];
        for (let y = 0; y < k; y++) r -= mu[a * k + y] * p[y] * mu[b * k + y];
        loss += 2 * r * r;
      }
      resid[a * d + b] = resid[b * d + a] = r;
    }
  }
  grad.fill(0);
  for (let a = 0; a < d; a++) {
    let propensity = -overlap[a * d + a];
    for (let y = 0; y < k; y++) propensity += mu[a * k + y] * p[y];
    loss += propensity * propensity;
    for (let b = 0; b < d; b++) {
      const r = resid[a * d + b];
      if (r !== 0) for (let y = 0; y < k; y++) grad[a * k + y] -= 4 * r * mu[b * k + y];
    }
    for (let y = 0; y < k; y++) grad[a * k + y] = (grad[a * k + y] + 2 * propensity) * p[y];
  }
  return loss;
}

// Rename classes (only among classes of equal prior, as Snorkel) so the LFs' votes line up with them.
function breakPermutationSymmetry(stats: OverlapStatistics, p: readonly number[], mu: Float64Array): Float64Array {
  const { m, k } = stats;
  const votesFor = (v: number, y: number) => {
    let s = 0;
    for (let j = 0; j < m; j++) s += mu[(j * k + v) * k + y];
    return s;
  };
  const column = Array.from({ length: k }, (_, y) => y);
  const groups = new Map<string, number[]>();
  for (let y = 0; y < k; y++) groups.set(p[y].toFixed(3), [...(groups.get(p[y].toFixed(3)) ?? []), y]);
  for (const group of groups.values()) {
    // weight[old class][new class] = how often the LFs vote the new class's value under the old class
    const assignment = maxWeightAssignment(group.map((y) => group.map((v) => votesFor(v, y))));
    group.forEach((y, x) => (column[y] = group[assignment[x]]));
  }
  const out = new Float64Array(mu.length);
  for (let a = 0; a < mu.length / k; a++) for (let y = 0; y < k; y++) out[a * k + column[y]] = mu[a * k + y];
  return out;
}

export function fitMatrixCompletion(
  stats: OverlapStatistics,
  classBalance: readonly number[],
  options: GenerativeFitOptions = {},
): MatrixCompletionFit {
  const { seed = 123, epochs = 500, learningRate = 0.01, momentum = 0.9, precisionInit = 0.7 } = options;
  if (!Number.isSafeInteger(epochs) || epochs < 0) throw new RangeError(`epochs must be an integer >= 0, got ${epochs}`);
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const { d, n } = stats;
  const mu = initialMu(stats, classBalance, precisionInit, seed);
  const velocity = new Float64Array(mu.length);
  const grad = new Float64Array(mu.length);
  const resid = new Float64Array(d * d);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const loss = lossAndGradient(stats, classBalance, mu, resid, grad);
    if (!Number.isFinite(loss)) throw new RangeError(`label model diverged at epoch ${epoch}: lower the learning rate`);
    for (let x = 0; x < mu.length; x++) {
      velocity[x] = momentum * velocity[x] + grad[x]; // torch.optim.SGD with momentum, no dampening
      mu[x] -= learningRate * velocity[x];
    }
  }
  const eps = Math.min(0.01, 10 ** -Math.ceil(Math.log10(Math.max(n, 1))));
  for (let x = 0; x < mu.length; x++) mu[x] = Math.min(1 - eps, Math.max(eps, mu[x]));
  const loss = lossAndGradient(stats, classBalance, mu, resid, grad); // the objective ignores class names
  return { mu: breakPermutationSymmetry(stats, classBalance, mu), loss };
}
