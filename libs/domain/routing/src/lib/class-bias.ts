// Temperature and a bias per class, fitted together on reviewed predictions: softmax(ln p / T + b). One temperature
// rescales every class alike; a model that leans toward one class (youtube-spam's logistic regression calls too
// much spam) needs a shift per class as well, which T alone cannot make. This is vector scaling (Guo et al. 2017,
// "On Calibration of Modern Neural Networks", §4.2) with one shared scale: k free numbers (1/T and b, with
// Σ b = 0 since adding a constant to every b changes nothing), fitted by the lowest mean negative log-likelihood.
// The NLL is convex in (1/T, b) (a softmax of terms linear in them), so Newton's method with a backtracking line
// search finds the minimum; 1/T is kept in [1/20, 1/0.05], the range a policy's temperature may take.
import { LOGIT_PROBABILITY_FLOOR } from './temperature';

export interface TemperatureAndBias {
  temperature: number;
  /** Added to ln p / T per class; sums to 0. */
  classBias: number[];
  /** Mean NLL at T = 1 without bias, and at the fit. */
  nllBefore: number;
  nllAfter: number;
}

const MIN_SCALE = 1 / 20;
const MAX_SCALE = 1 / 0.05;
const MAX_ITERATIONS = 100;
/** Stop when a Newton step lowers the mean NLL by less than this. */
const NLL_TOLERANCE = 1e-12;
/** Added to the Hessian's diagonal: keeps it invertible when a class never occurs (its bias then drifts down). */
const RIDGE = 1e-9;

/** Fits T and b on rows of probabilities (as sent) and their true classes. No rows: T = 1, b = 0. */
export function fitTemperatureAndBias(rows: readonly { probs: ArrayLike<number>; label: number }[], k: number): TemperatureAndBias {
  const logs = rows.map((r) => Array.from(r.probs, (p) => Math.log(Math.max(p, LOGIT_PROBABILITY_FLOOR))));
  const labels = rows.map((r) => r.label);
  // θ = [1/T, b_1 … b_{k−1}], b_0 = 0 while fitting (centred at the end).
  let theta = [1, ...new Array<number>(k - 1).fill(0)];
  const nllBefore = meanNll(logs, labels, theta);
  let nll = nllBefore;
  for (let it = 0; it < MAX_ITERATIONS && rows.length > 0; it++) {
    const { gradient, hessian } = derivatives(logs, labels, theta);
    for (let i = 0; i < k; i++) hessian[i][i] += RIDGE;
    const step = solve(hessian, gradient);
    let t = 1;
    let next = theta;
    let nextNll = nll;
    while (t > 1e-10) {
      const candidate = theta.map((v, i) => v - t * step[i]);
      candidate[0] = Math.min(MAX_SCALE, Math.max(MIN_SCALE, candidate[0]));
      const candidateNll = meanNll(logs, labels, candidate);
      if (candidateNll < nll) {
        next = candidate;
        nextNll = candidateNll;
        break;
      }
      t /= 2;
    }
    if (next === theta || nll - nextNll < NLL_TOLERANCE) {
      if (next !== theta) [theta, nll] = [next, nextNll];
      break;
    }
    [theta, nll] = [next, nextNll];
  }
  const bias = [0, ...theta.slice(1)];
  const mean = bias.reduce((s, b) => s + b, 0) / k;
  return { temperature: 1 / theta[0], classBias: bias.map((b) => b - mean), nllBefore, nllAfter: nll };
}

function logits(log: number[], theta: number[]): number[] {
  return log.map((l, c) => theta[0] * l + (c > 0 ? theta[c] : 0));
}

function softmax(z: number[]): { q: number[]; logSum: number } {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((s, v) => s + v, 0);
  return { q: e.map((v) => v / sum), logSum: max + Math.log(sum) };
}

function meanNll(logs: number[][], labels: number[], theta: number[]): number {
  let total = 0;
  logs.forEach((log, i) => {
    const z = logits(log, theta);
    total += softmax(z).logSum - z[labels[i]];
  });
  return logs.length ? total / logs.length : 0;
}

/** Gradient and Hessian of the mean NLL in θ: with q = softmax(z), dNLL/dz = q − onehot, d²NLL/dz² = diag(q) − qqᵀ. */
function derivatives(logs: number[][], labels: number[], theta: number[]): { gradient: number[]; hessian: number[][] } {
  const k = theta.length;
  const gradient = new Array<number>(k).fill(0);
  const hessian = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const n = logs.length;
  logs.forEach((log, i) => {
    const { q } = softmax(logits(log, theta));
    // dz_c/dθ: d/d(1/T) = ln p_c; d/db_j = [c = j] for j ≥ 1.
    const jac = (c: number, m: number) => (m === 0 ? log[c] : c === m ? 1 : 0);
    const g = q.map((v, c) => v - (c === labels[i] ? 1 : 0));
    const qJ = new Array<number>(k).fill(0); // Σ_c q_c · dz_c/dθ_m
    for (let c = 0; c < k; c++) for (let m = 0; m < k; m++) qJ[m] += q[c] * jac(c, m);
    for (let m = 0; m < k; m++) {
      let gm = 0;
      for (let c = 0; c < k; c++) gm += g[c] * jac(c, m);
      gradient[m] += gm / n;
      for (let l = m; l < k; l++) {
        let h = 0;
        for (let c = 0; c < k; c++) h += q[c] * jac(c, m) * jac(c, l);
        const v = (h - qJ[m] * qJ[l]) / n;
        hessian[m][l] += v;
        if (l !== m) hessian[l][m] += v;
      }
    }
  });
  return { gradient, hessian };
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small: k × k). */
function solve(a: number[][], b: number[]): number[] {
  const k = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    if (m[col][col] === 0) continue;
    for (let r = col + 1; r < k; r++) {
      const f = m[r][col] / m[col][col];
      for (let c = col; c <= k; c++) m[r][c] -= f * m[col][c];
    }
  }
  const x = new Array<number>(k).fill(0);
  for (let r = k - 1; r >= 0; r--) {
    let s = m[r][k];
    for (let c = r + 1; c < k; c++) s -= m[r][c] * x[c];
    x[r] = m[r][r] === 0 ? 0 : s / m[r][r];
  }
  return x;
}
