import { inAuditSample } from './audit-sample';

const ids = Array.from({ length: 20_000 }, (_, i) => `pred-${i}`);

describe('inAuditSample', () => {
  it.each([0.05, 0.2, 0.5])('draws about %p of the ids (within 4 binomial standard deviations)', (share) => {
    const drawn = ids.filter((id) => inAuditSample(id, share, 42)).length;
    const sd = Math.sqrt(ids.length * share * (1 - share));
    expect(Math.abs(drawn - ids.length * share)).toBeLessThan(4 * sd);
  }, 10_000);

  it('gives the same id the same answer, and another seed another sample', () => {
    const first = ids.filter((id) => inAuditSample(id, 0.1, 7));
    expect(ids.filter((id) => inAuditSample(id, 0.1, 7))).toEqual(first);
    const other = new Set(ids.filter((id) => inAuditSample(id, 0.1, 8)));
    const overlap = first.filter((id) => other.has(id)).length;
    // Independent 10% samples of 20,000 share about 200 ids, nowhere near all ~2,000.
    expect(overlap).toBeLessThan(400);
  }, 10_000);

  it('never draws at share 0 and always at share 1, and a larger share keeps the smaller one’s ids', () => {
    expect(ids.some((id) => inAuditSample(id, 0, 1))).toBe(false);
    expect(ids.every((id) => inAuditSample(id, 1, 1))).toBe(true);
    expect(ids.filter((id) => inAuditSample(id, 0.1, 3)).every((id) => inAuditSample(id, 0.3, 3))).toBe(true);
  }, 10_000);
});
