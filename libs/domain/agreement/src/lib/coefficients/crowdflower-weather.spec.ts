// Agreement on real multi-annotator data: CrowdFlower "weather sentiment", 1000 tweets × 20 judgements.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { cohensKappa } from './cohens-kappa';
import { fleissKappa } from './fleiss-kappa';
import { GoldenCheck, expectGolden, loadFixture } from './golden-fixture.testing';
import { krippendorffAlpha } from './krippendorff-alpha';
import { pairwiseAgreementMatrix } from './pairwise-agreement';
import { referenceAlpha } from './reference-alpha.testing';

interface WeatherFixture {
  file: string;
  sha256: string;
  columns: { item: string; rater: string; label: string };
  categories: string[];
  judgements: number;
  tweets: number;
  workers: number;
  judgementsPerTweet: number;
  krippendorffAlphaNominal: GoldenCheck;
  fleissKappa: GoldenCheck;
}

const fixture = loadFixture<WeatherFixture>('crowdflower-weather.json');
// The repository is cloned beside shared/: libs/domain/agreement/src/lib/coefficients → six levels up.
const csv = readFileSync(resolve(__dirname, '../../../../../..', '../shared/data', fixture.file));
const rows: Record<string, string>[] = parse(csv, { columns: true });
const { item, rater, label } = fixture.columns;

const tweets = [...new Set(rows.map((r) => r[item]))].sort((a, b) => Number(a) - Number(b));
const workers = [...new Set(rows.map((r) => r[rater]))].sort((a, b) => Number(a) - Number(b));
const tweetIndex = new Map(tweets.map((t, i) => [t, i]));
const workerIndex = new Map(workers.map((w, i) => [w, i]));
const category = (r: Record<string, string>): number => fixture.categories.indexOf(r[label]);

// reliability[worker][tweet] (null = not judged) and counts[tweet][category].
const reliability = workers.map(() => new Array<number | null>(tweets.length).fill(null));
const counts = tweets.map(() => new Array<number>(fixture.categories.length).fill(0));
for (const r of rows) {
  reliability[workerIndex.get(r[rater])!][tweetIndex.get(r[item])!] = category(r);
  counts[tweetIndex.get(r[item])!][category(r)] += 1;
}

describe('crowdflower-weather agreement', () => {
  it('reads the file listed in shared/data/SHA256SUMS', () => {
    expect(createHash('sha256').update(csv).digest('hex')).toBe(fixture.sha256);
  });

  it('has 20 000 judgements of 1000 tweets by 102 workers in the 5 known categories', () => {
    expect(rows).toHaveLength(fixture.judgements);
    expect(tweets).toHaveLength(fixture.tweets);
    expect(workers).toHaveLength(fixture.workers);
    expect(rows.every((r) => category(r) >= 0)).toBe(true);
  });

  it('has exactly 20 judgements per tweet, from 20 distinct workers, so Fleiss applies', () => {
    expect(counts.every((row) => row.reduce((s, x) => s + x, 0) === fixture.judgementsPerTweet)).toBe(true);
    const judged = tweets.map((_, t) => reliability.filter((row) => row[t] !== null).length);
    expect(judged.every((m) => m === fixture.judgementsPerTweet)).toBe(true);
  });

  const alpha = krippendorffAlpha(reliability, { level: 'nominal' });
  const kappa = fleissKappa(counts);

  it('nominal alpha equals the O(n·m²) pairwise reference to 1e-9', () => {
    expect(alpha).toMatchObject({ n: 20_000, units: 1000 });
    expect(Math.abs((alpha.value ?? NaN) - (referenceAlpha(reliability, 'nominal') ?? NaN))).toBeLessThan(1e-9);
  });

  it('nominal alpha ≈ Fleiss kappa (they differ by O(1/n) with equal raters per item)', () => {
    expect(Math.abs((alpha.value ?? NaN) - (kappa.value ?? NaN))).toBeLessThan(0.01);
  });

  it.each([
    { name: 'nominal alpha', value: () => alpha.value, check: fixture.krippendorffAlphaNominal },
    { name: 'Fleiss kappa', value: () => kappa.value, check: fixture.fleissKappa },
  ])('$name matches its regression value', ({ value, check }) => {
    expectGolden(value(), check);
  });

  it('every pairwise Cohen cell equals cohensKappa on the pair’s shared tweets', () => {
    const annotations = rows.map((r) => ({ item: r[item], rater: r[rater], label: category(r) }));
    const matrix = pairwiseAgreementMatrix(annotations, { labels: [0, 1, 2, 3, 4] });
    expect(matrix.raters).toEqual([...workers].sort());
    expect(matrix.kappa).toEqual(matrix.kappa.map((row, i) => row.map((_, j) => matrix.kappa[j][i])));
    // The five pairs that share the most tweets.
    const pairs = matrix.raters
      .flatMap((_, i) => matrix.raters.map((_, j) => ({ i, j })))
      .filter(({ i, j }) => i < j)
      .sort((p, q) => matrix.n[q.i][q.j] - matrix.n[p.i][p.j])
      .slice(0, 5);
    for (const { i, j } of pairs) {
      const a = reliability[workerIndex.get(matrix.raters[i])!];
      const b = reliability[workerIndex.get(matrix.raters[j])!];
      const expected = cohensKappa(a, b, { labels: [0, 1, 2, 3, 4] });
      expect(matrix.n[i][j]).toBe(expected.n);
      expect(matrix.n[i][j]).toBeGreaterThan(50);
      expect(matrix.kappa[i][j]).toBeCloseTo(expected.value!, 12);
    }
  });
});
