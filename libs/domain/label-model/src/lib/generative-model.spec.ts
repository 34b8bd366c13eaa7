import { fitMatrixCompletion, lossAndGradient } from './generative-model';
import { plantedVotes } from './planted-votes';
import { overlapStatistics } from './sufficient-statistics';

const k = 3;
const planted = plantedVotes({ n: 2000, m: 4, k, seed: 5, accuracy: [0.6, 0.9], coverage: [0.3, 0.8] });
const stats = overlapStatistics(planted.L, k);
const p = [0.2, 0.3, 0.5];

// The objective written out directly, as Snorkel's _loss_mu: ‖(O − μPμᵀ)[mask]‖² + ‖μP1 − diag(O)‖².
function directLoss(mu: Float64Array): number {
  const { d, overlap } = stats;
  let loss = 0;
  for (let a = 0; a < d; a++) {
    let propensity = -overlap[a * d + a];
    for (let y = 0; y < k; y++) propensity += mu[a * k + y] * p[y];
    loss += propensity ** 2;
    for (let b = 0; b < d; b++) {
      if (Math.floor(a / k) === Math.floor(b / k)) continue;
      let r = overlap[a * d + b];
      for (let y = 0; y < k; y++) r -= mu[a * k + y] * p[y] * mu[b * k + y];
      loss += r ** 2;
    }
  }
  return loss;
}

describe('matrix-completion objective', () => {
  const mu = Float64Array.from({ length: stats.d * k }, (_, x) => ((x * 37) % 11) / 12);

  it('equals the objective written out directly', () => {
    const grad = new Float64Array(mu.length);
    expect(lossAndGradient(stats, p, mu, new Float64Array(stats.d ** 2), grad)).toBeCloseTo(directLoss(mu), 12);
  });

  it('has the gradient that central finite differences give', () => {
    const grad = new Float64Array(mu.length);
    lossAndGradient(stats, p, mu, new Float64Array(stats.d ** 2), grad);
    const h = 1e-6;
    for (let x = 0; x < mu.length; x++) {
      const plus = Float64Array.from(mu);
      const minus = Float64Array.from(mu);
      plus[x] += h;
      minus[x] -= h;
      expect(grad[x]).toBeCloseTo((directLoss(plus) - directLoss(minus)) / (2 * h), 6);
    }
  });

  it('fits the overlaps at least as well as the planted parameters do', () => {
    const uniform = [1 / 3, 1 / 3, 1 / 3];
    const { loss, mu: fitted } = fitMatrixCompletion(stats, uniform, { seed: 3, epochs: 2000 });
    // μ* from the generator: P(LF j votes v | Y = y) = coverage_j · (accuracy_j if v = y else (1 − accuracy_j)/(k − 1)).
    const truth = new Float64Array(stats.d * k);
    for (let j = 0; j < 4; j++) {
      for (let v = 0; v < k; v++) {
        for (let y = 0; y < k; y++) {
          const accuracy = planted.accuracy[j];
          truth[(j * k + v) * k + y] = planted.coverage[j] * (v === y ? accuracy : (1 - accuracy) / (k - 1));
        }
      }
    }
    const truthLoss = lossAndGradient(stats, uniform, truth, new Float64Array(stats.d ** 2), new Float64Array(truth.length));
    expect(loss).toBeLessThanOrEqual(truthLoss);
    expect(fitted.every((x) => x > 0 && x < 1)).toBe(true);
  });
});
