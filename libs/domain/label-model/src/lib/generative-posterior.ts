// What the fitted matrix-completion model says: P(Y | votes) per row and each LF's accuracy.
import { ABSTAIN, type CompactVoteMatrix } from './vote-matrix';

// A module-local copy: under esbuild/swc's CommonJS output an imported binding is a getter call on every read,
// which made these per-vote loops about three times slower than the tsc build.
const NO_VOTE: number = ABSTAIN;

/**
 * Log-weights as Snorkel's predict_proba: log of μ clipped to [0.01, 0.99], for the votes cast only
 * (abstains contribute nothing), plus the log prior. Clipping keeps every weight finite, so no NaN.
 */
export interface PosteriorWeights {
  logMu: Float64Array;
  logPrior: Float64Array;
}

export function posteriorWeights(mu: Float64Array, classBalance: readonly number[]): PosteriorWeights {
  const logMu = mu.map((x) => Math.log(Math.min(0.99, Math.max(0.01, x))));
  return { logMu, logPrior: Float64Array.from(classBalance, (p) => Math.log(p)) };
}

/** n × k row-major posterior; each row is a softmax, so it sums to 1. */
export function generativePosterior(
  L: CompactVoteMatrix,
  weights: PosteriorWeights,
): Float64Array {
  const { n, m, votes } = L;
  const { logMu, logPrior } = weights;
  const k = logPrior.length;
  const out = new Float64Array(n * k);
  const logit = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    logit.set(logPrior);
    for (let j = 0; j < m; j++) {
      const v = votes[i * m + j];
      if (v === NO_VOTE) continue;
      const a = (j * k + v) * k;
      for (let y = 0; y < k; y++) logit[y] += logMu[a + y];
    }
    let max = -Infinity;
    for (let y = 0; y < k; y++) max = Math.max(max, logit[y]);
    let sum = 0;
    for (let y = 0; y < k; y++) sum += out[i * k + y] = Math.exp(logit[y] - max);
    for (let y = 0; y < k; y++) out[i * k + y] /= sum;
  }
  return out;
}

/**
 * Per LF, the learned accuracy when it votes: P(Y = λ_j | λ_j ≠ ABSTAIN) = Σ_y μ[j,y|y] p_y / Σ_y Σ_v μ[j,v|y] p_y.
 * (Snorkel's get_weights is the unconditional Σ_y μ[j,y|y] p_y, which also counts abstains as misses.)
 * An LF that never votes gets 1/k: μ is clamped away from 0, so the ratio is always defined.
 */
export function learnedAccuracies(mu: Float64Array, classBalance: readonly number[], m: number): number[] {
  const k = classBalance.length;
  return Array.from({ length: m }, (_, j) => {
    let right = 0;
    let voted = 0;
    for (let v = 0; v < k; v++) {
      for (let y = 0; y < k; y++) {
        const mass = mu[(j * k + v) * k + y] * classBalance[y];
        voted += mass;
        if (v === y) right += mass;
      }
    }
    return right / voted;
  });
}
