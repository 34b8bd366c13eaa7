// The label model on WRENCH 'youtube' (../shared/data/wrench-youtube): fit on train with valid as the dev set,
// score test with the README's tie rule, against the README's reference numbers.
import { fitLabelModel } from './fit-label-model';
import { majorityVote } from './majority-vote';
import { expectedSha256, loadFixture, readSharedFile } from './reference-data.testing';
import { tieAwareAccuracy } from './tie-aware-accuracy';

interface YoutubeFixture {
  files: string[];
  k: number;
  lfs: number;
  rows: Record<'train' | 'valid' | 'test', number>;
  reference: Record<'majorityVoteTest' | 'snorkelDefaultsTest' | 'snorkelTutorialTest', { value: number }>;
  measured: Record<'majorityVoteValid' | 'generativeValid' | 'generativeTest' | 'generative100EpochsTest' | 'generativeVotesPriorTest', number>;
}
type WrenchSplit = Record<string, { data: { text: string }; label: number; weak_labels: number[] }>;

const fixture = loadFixture<YoutubeFixture>('wrench-youtube.json');
const files = fixture.files.map(readSharedFile);
// Integer-like keys enumerate in ascending numeric order, i.e. WRENCH's row order.
const split = (name: string) => {
  const rows = Object.values(JSON.parse(files.find((f) => f.file.endsWith(`/${name}.json`))!.bytes.toString('utf8')) as WrenchSplit);
  return { L: rows.map((r) => r.weak_labels), y: rows.map((r) => r.label) };
};
const [train, valid, test] = [split('train'), split('valid'), split('test')];
const { k, reference, measured } = fixture;

// Measured (this implementation, seed 123): majority vote 0.8160 test / 0.8167 valid (98/120);
// generative (500 epochs, uniform balance: the 64/56 valid split does not reject uniform) 0.8640 test /
// 0.8208 valid (98.5/120), so it is chosen; 100 epochs (Snorkel's default) 0.8440 test (Snorkel: 0.840).
// Using the raw valid class balance instead of the chi-square rule would give 0.8480 test.
describe('label model on wrench-youtube', () => {
  it.each(fixture.files)('%s matches shared/data/SHA256SUMS', (file) => {
    expect(files.find((f) => f.file === file)!.sha256).toBe(expectedSha256(file));
  });

  it('loads 1586 / 120 / 250 rows of 10 LF votes', () => {
    expect([train.L.length, valid.L.length, test.L.length]).toEqual([fixture.rows.train, fixture.rows.valid, fixture.rows.test]);
    expect([...train.L, ...valid.L, ...test.L].every((row) => row.length === fixture.lfs)).toBe(true);
  });

  it('majority vote reproduces the README test accuracy 0.816 (validates loading and tie scoring)', () => {
    expect(tieAwareAccuracy(majorityVote(test.L, k), test.y).toFixed(3)).toBe(reference.majorityVoteTest.value.toFixed(3));
  });

  const model = fitLabelModel(train.L, k, { validation: valid, seed: 123 });

  it('keeps the generative model, which beats majority vote on valid, and says why', () => {
    expect(model.chosen).toBe('generative');
    expect(model.validationAccuracy!.generative).toBeGreaterThanOrEqual(model.validationAccuracy!.majority);
    expect(model.reason).toMatch(/generative 0\.\d{4} vs majority vote 0\.\d{4} on 120 validation rows/);
    expect(model.classBalanceSource).toBe('uniform');
    expect(model.validationAccuracy!.generative).toBeCloseTo(measured.generativeValid, 9);
    expect(model.validationAccuracy!.majority).toBeCloseTo(measured.majorityVoteValid, 9);
  });

  it('reaches at least Snorkel tutorial accuracy (0.864) on test, above majority vote', () => {
    const accuracy = tieAwareAccuracy(model.predictProba(test.L), test.y);
    expect(accuracy).toBeGreaterThanOrEqual(reference.snorkelTutorialTest.value);
    expect(accuracy).toBeCloseTo(measured.generativeTest, 9);
    expect(accuracy).toBeGreaterThan(tieAwareAccuracy(majorityVote(test.L, k), test.y));
  });

  it('with Snorkel’s default 100 epochs lands within one test row of its 0.840', () => {
    // Snorkel's default prior is uniform; Arbiter's, without a dev set, comes from the votes (next test).
    const short = fitLabelModel(train.L, k, { epochs: 100, seed: 123, classBalance: [0.5, 0.5] });
    const accuracy = tieAwareAccuracy(short.predictProba(test.L), test.y);
    expect(Math.abs(accuracy - reference.snorkelDefaultsTest.value)).toBeLessThanOrEqual(1 / test.y.length + 1e-12);
    expect(accuracy).toBeCloseTo(measured.generative100EpochsTest, 9);
  });

  it('without a dev set estimates the prior from the votes: below the tutorial’s 0.864, above majority vote and Snorkel’s defaults', () => {
    const unchecked = fitLabelModel(train.L, k, { seed: 123 });
    expect(unchecked.classBalanceSource).toBe('votes');
    const accuracy = tieAwareAccuracy(unchecked.predictProba(test.L), test.y);
    expect(accuracy).toBeCloseTo(measured.generativeVotesPriorTest, 9);
    expect(accuracy).toBeGreaterThan(reference.snorkelDefaultsTest.value);
    expect(accuracy).toBeGreaterThan(reference.majorityVoteTest.value);
  });

  it('learns one accuracy per LF, each a probability, and a class balance of length k', () => {
    expect(model.lfAccuracies).toHaveLength(fixture.lfs);
    expect(model.lfAccuracies.every((a) => a >= 0 && a <= 1)).toBe(true);
    expect(model.classBalance).toEqual([0.5, 0.5]);
  });
});
