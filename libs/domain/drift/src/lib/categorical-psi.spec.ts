import { categoricalPsi } from './categorical-psi';
import { DriftError } from './drift.error';

describe('categoricalPsi', () => {
  it('is 0 for the same mix at any scale', () => {
    expect(categoricalPsi([10, 30, 60], [1, 3, 6]).psi).toBe(0);
  });

  it('matches the formula worked by hand', () => {
    // ref (0.5, 0.5), cur (0.8, 0.2): 0.3 · ln(1.6) + (−0.3) · ln(0.4) = 0.3 · (0.470004 + 0.916291) = 0.415888
    expect(categoricalPsi([50, 50], [80, 20]).psi).toBeCloseTo(0.3 * Math.log(1.6) - 0.3 * Math.log(0.4), 12);
    expect(categoricalPsi([50, 50], [80, 20]).psi).toBeCloseTo(0.415888, 6);
  });

  it('gives an empty category the floor share, so a class that vanishes is a large, finite shift', () => {
    const out = categoricalPsi([1, 1], [2, 0]);
    expect(out.currentShares).toEqual([1, 1e-4]);
    expect(out.psi).toBeCloseTo(0.5 * Math.log(2) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5), 12);
  });

  it('names the argument that cannot be used', () => {
    expect(() => categoricalPsi([1, 2], [1])).toThrow(DriftError);
    expect(() => categoricalPsi([0, 0], [1, 1])).toThrow(expect.objectContaining({ path: 'reference' }));
    expect(() => categoricalPsi([1, 1], [1, -1])).toThrow(expect.objectContaining({ path: 'current[1]' }));
  });
});
