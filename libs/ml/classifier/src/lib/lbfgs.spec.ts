import { minimiseLbfgs } from './lbfgs';

describe('L-BFGS', () => {
  it('finds the minimum of Rosenbrock’s function from the textbook start (−1.2, 1) (Nocedal & Wright, §2.1)', () => {
    const evaluate = (t: Float64Array) => {
      const [x, y] = t;
      return {
        loss: 100 * (y - x * x) ** 2 + (1 - x) ** 2,
        gradient: Float64Array.from([-400 * x * (y - x * x) - 2 * (1 - x), 200 * (y - x * x)]),
      };
    };
    const { theta } = minimiseLbfgs({ evaluate }, Float64Array.from([-1.2, 1]), { maxIterations: 500, gradientTolerance: 1e-9 });
    expect(theta[0]).toBeCloseTo(1, 5);
    expect(theta[1]).toBeCloseTo(1, 5);
  }, 10_000);

  it('solves a convex quadratic ½θᵀAθ − bᵀθ: θ = A⁻¹b', () => {
    // A = [[4, 1], [1, 3]], b = [1, 2] → A⁻¹b = [1/11, 7/11].
    const evaluate = (t: Float64Array) => ({
      loss: 0.5 * (4 * t[0] * t[0] + 2 * t[0] * t[1] + 3 * t[1] * t[1]) - t[0] - 2 * t[1],
      gradient: Float64Array.from([4 * t[0] + t[1] - 1, t[0] + 3 * t[1] - 2]),
    });
    const { theta } = minimiseLbfgs({ evaluate }, new Float64Array(2), { gradientTolerance: 1e-12 });
    expect(theta[0]).toBeCloseTo(1 / 11, 9);
    expect(theta[1]).toBeCloseTo(7 / 11, 9);
  }, 10_000);

  it('stops when the caller says so (early stopping) and reports that iteration', () => {
    const evaluate = (t: Float64Array) => ({ loss: (t[0] - 3) ** 2, gradient: Float64Array.from([2 * (t[0] - 3)]) });
    const seen: number[] = [];
    const { iterations } = minimiseLbfgs({ evaluate, afterStep: (i) => (seen.push(i), i === 1) }, Float64Array.from([100]));
    expect(iterations).toBe(1);
    expect(seen).toEqual([1]);
  }, 10_000);
});
