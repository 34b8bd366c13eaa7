import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildAgreementReport } from './agreement-report';
import type { ReportAnnotation } from './agreement-report.types';

const fixture = JSON.parse(readFileSync(resolve(__dirname, '../../../fixtures/report/three-annotators.json'), 'utf8'));
const raters = Object.keys(fixture.labels) as ('A' | 'B' | 'C')[];
const annotations: ReportAnnotation[] = raters.flatMap((rater) =>
  (fixture.labels[rater] as number[]).map((label, item) => ({ item, rater, labels: [label] })),
);
const gold = new Map<number, number[]>(Object.entries(fixture.gold as Record<string, number>).map(([k, v]) => [Number(k), [v]]));

const build = (overrides: Partial<Parameters<typeof buildAgreementReport>[0]> = {}) =>
  buildAgreementReport({
    annotations,
    items: 10,
    classes: 2,
    kind: 'single',
    gold,
    overlap: 3,
    consensusMethod: 'majority',
    reviewThreshold: 0,
    seed: 7,
    bootstrapSamples: 200,
    ...overrides,
  });

describe('buildAgreementReport on the hand-derived three-annotator fixture', () => {
  const { report, consensus, review } = build();

  it('reports the kappa matrix derived by hand', () => {
    expect(report.matrix.raters).toEqual(['A', 'B', 'C']);
    const k = report.matrix.kappa;
    expect(k[0][1]).toBeCloseTo(fixture.expected.kappa['A-B'], 12);
    expect(k[0][2]).toBeCloseTo(fixture.expected.kappa['A-C'], 12);
    expect(k[1][2]).toBeCloseTo(fixture.expected.kappa['B-C'], 12);
    expect(k[2][1]).toBeCloseTo(fixture.expected.kappa['B-C'], 12);
    expect(report.matrix.n[0][1]).toBe(10);
  });

  it("reports Fleiss' kappa and Krippendorff's alpha derived by hand, with intervals around them", () => {
    expect(report.overall.fleiss.value).toBeCloseTo(fixture.expected.fleiss.value, 12);
    expect(report.overall.alpha.value).toBeCloseTo(fixture.expected.alpha.value, 12);
    expect(report.overall.alpha.n).toBe(10);
    for (const s of [report.overall.alpha, report.overall.fleiss]) {
      expect(s.low!).toBeLessThanOrEqual(s.value!);
      expect(s.high!).toBeGreaterThanOrEqual(s.value!);
    }
    // With two classes, "label c vs not" is the same partition for both labels.
    expect(report.perLabel.map((p) => p.alpha.value)).toEqual([report.overall.alpha.value, report.overall.alpha.value]);
  });

  it('scores each annotator against gold and against consensus', () => {
    const byRater = Object.fromEntries(report.annotators.map((a) => [a.rater, a]));
    for (const r of raters) {
      expect(byRater[r].vsGold.accuracy.value).toBeCloseTo(fixture.expected.accuracyVsGold[r], 12);
      expect(byRater[r].vsGold.accuracy.n).toBe(4);
      expect(byRater[r].vsConsensus.accuracy.value).toBeCloseTo(fixture.expected.accuracyVsConsensus[r], 12);
    }
    expect(byRater.A.vsConsensus.kappa.value).toBe(1);
  });

  it('gives every item its majority label with its vote share and sends the disagreements to review', () => {
    expect(consensus.map((c) => c.labels[0])).toEqual(fixture.expected.consensus.labels);
    expect(consensus.find((c) => c.item === 4)!.confidence).toBeCloseTo(2 / 3, 12);
    expect(review).toEqual(fixture.expected.review.map((item: number) => ({ item, reason: 'disagreement' })));
  });

  it('sends unanimous but low-confidence items to review when the threshold asks for it', () => {
    const single = build({ annotations: annotations.filter((a) => a.rater === 'A'), overlap: 1, reviewThreshold: 1.01 });
    expect(single.review.every((r) => r.reason === 'low_confidence')).toBe(true);
    expect(single.report.overall.fleiss.value).toBeNull();
    expect(single.report.overall.fleiss.reason).toMatch(/overlap/);
  });

  it('is deterministic for a seed and uses Dawid-Skene when asked', () => {
    expect(build()).toEqual(build());
    const ds = build({ consensusMethod: 'dawid-skene' });
    expect(ds.report.consensus.method).toBe('dawid-skene');
    expect(ds.consensus).toHaveLength(10);
  });
});

describe("Light's kappa on the three-annotator fixture", () => {
  it('is the mean of the three pairwise kappas: (0.6 + 0.6 + 0.2) / 3', async () => {
    const { pairwiseAgreementMatrix } = await import('../coefficients/pairwise-agreement');
    const m = pairwiseAgreementMatrix(annotations.map((a) => ({ item: a.item, rater: a.rater, label: a.labels[0] })));
    expect(m.value).toBeCloseTo(1.4 / 3, 12);
    expect(pairwiseAgreementMatrix([{ item: 1, rater: 'a', label: 0 }]).value).toBeNull();
  });
});
