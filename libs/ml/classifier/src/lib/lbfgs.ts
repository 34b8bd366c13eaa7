// Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, 2nd ed., Algorithm 7.4 and 7.5) with a
// backtracking Armijo line search: the solver scikit-learn's LogisticRegression uses by default, so our logistic
// regression reaches the same optimum rather than wherever a fixed number of gradient steps ends. The objective
// and its gradient come from the caller (TF.js autodiff); this file is only the search direction and step.

export interface LbfgsProblem {
  /** Loss and gradient at θ (the gradient in a fresh array). */
  evaluate(theta: Float64Array): { loss: number; gradient: Float64Array };
  /** Called after each accepted step; return true to stop (early stopping). */
  afterStep?(iteration: number, theta: Float64Array, loss: number): boolean;
}

export interface LbfgsOptions {
  maxIterations?: number;
  /**
   * Stop when max |gradient| falls below this (scikit-learn's `tol` plays this role for lbfgs). With the weak
   * penalty of C = 10 the objective is flat (smallest curvature 2λ ≈ 1e-4), so 1e-5 still leaves the weights
   * far enough from the optimum to move probabilities by 1e-3; 1e-7 puts two backends within 1e-5 of each other.
   */
  gradientTolerance?: number;
  /** The loss's relative rounding: float32 in TF.js, so changes below ~1e-6 of it are noise, not progress. */
  relativeTolerance?: number;
  history?: number;
}

export function minimiseLbfgs(problem: LbfgsProblem, start: Float64Array, options: LbfgsOptions = {}) {
  const { maxIterations = 200, gradientTolerance = 1e-7, relativeTolerance = 1e-6, history = 10 } = options;
  const theta = Float64Array.from(start);
  let { loss, gradient } = problem.evaluate(theta);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  // Pairs that left the history, reused for the next ones: a pair is two parameter-long arrays, and allocating
  // them anew each step kept the garbage collector busy.
  const spare: Float64Array[] = [];
  let iteration = 0;
  for (; iteration < maxIterations && maxAbs(gradient) > gradientTolerance; iteration++) {
    const direction = twoLoop(gradient, s, y, rho);
    let slope = dot(gradient, direction);
    if (slope >= 0) {
      // Not a descent direction (curvature pairs went stale): restart from steepest descent.
      s.length = y.length = rho.length = 0;
      for (let i = 0; i < direction.length; i++) direction[i] = -gradient[i];
      slope = dot(gradient, direction);
    }
    let step = s.length ? 1 : Math.min(1, 1 / Math.sqrt(dot(gradient, gradient)));
    let next = axpy(theta, step, direction);
    let trial = problem.evaluate(next);
    // Armijo's sufficient decrease, up to the loss's own rounding (float32 in TF.js): near the optimum a good step
    // can look a hair worse than where it started, and refusing it would only halve the step for nothing.
    const noise = relativeTolerance * Math.max(Math.abs(loss), 1);
    for (let tries = 0; trial.loss > loss + 1e-4 * step * slope + noise && tries < 10; tries++) {
      step /= 2;
      next = axpy(theta, step, direction);
      trial = problem.evaluate(next);
    }
    if (!(trial.loss <= loss + noise)) break; // no progress along a descent direction: converged to rounding
    const sk = spare.pop() ?? new Float64Array(theta.length);
    const yk = spare.pop() ?? new Float64Array(theta.length);
    for (let i = 0; i < theta.length; i++) {
      sk[i] = next[i] - theta[i];
      yk[i] = trial.gradient[i] - gradient[i];
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12) {
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
      if (s.length > history) {
        spare.push(s.shift() as Float64Array, y.shift() as Float64Array);
        rho.shift();
      }
    } else {
      spare.push(sk, yk);
    }
    theta.set(next);
    ({ loss, gradient } = trial);
    if (problem.afterStep?.(iteration + 1, theta, loss)) return { theta, loss, iterations: iteration + 1 };
  }
  return { theta, loss, iterations: iteration };
}

function twoLoop(g: Float64Array, s: Float64Array[], y: Float64Array[], rho: number[]): Float64Array {
  // Each pass over a million-long vector is its own loop over typed arrays (scaleAdd), which V8 compiles to a tight
  // loop; indexing y[i][j] inside one loop was the largest cost of a round. The arithmetic is unchanged.
  const q = Float64Array.from(g);
  const m = s.length;
  const alpha = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    alpha[i] = rho[i] * dot(s[i], q);
    scaleAdd(q, -alpha[i], y[i]);
  }
  const gamma = m > 0 ? dot(s[m - 1], y[m - 1]) / dot(y[m - 1], y[m - 1]) : 1;
  for (let j = 0; j < q.length; j++) q[j] *= gamma;
  for (let i = 0; i < m; i++) scaleAdd(q, alpha[i] - rho[i] * dot(y[i], q), s[i]);
  for (let j = 0; j < q.length; j++) q[j] = -q[j];
  return q;
}

/** q += a · v, in place. */
function scaleAdd(q: Float64Array, a: number, v: Float64Array): void {
  for (let j = 0; j < q.length; j++) q[j] += a * v[j];
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

function axpy(x: Float64Array, a: number, d: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] + a * d[i];
  return out;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}
