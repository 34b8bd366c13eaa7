import { fitLabelModel } from './fit-label-model';
import { majorityVote } from './majority-vote';
import { plantedVotes } from './planted-votes';
import { tieAwareAccuracy } from './tie-aware-accuracy';
import { toVoteRows } from './vote-matrix';

const planted = plantedVotes({ n: 3000, m: 8, k: 3, seed: 11, accuracy: [0.5, 0.9], coverage: [0.2, 0.7] });
const rows = toVoteRows(planted.L);
const gold = Array.from(planted.y);
const withEmptyRows = [...rows.slice(0, 50), new Array<number>(8).fill(-1), new Array<number>(8).fill(-1)];

describe('fitLabelModel', () => {
  it('is deterministic: the same seed gives identical probabilities, accuracies and balance', () => {
    const a = fitLabelModel(rows, 3, { seed: 7 });
    const b = fitLabelModel(rows, 3, { seed: 7 });
    expect(a.predictProba(withEmptyRows)).toEqual(b.predictProba(withEmptyRows));
    expect([a.lfAccuracies, a.classBalance, a.loss]).toEqual([b.lfAccuracies, b.classBalance, b.loss]);
  });

  it('returns finite rows that sum to 1, also for rows without votes (the class balance there)', () => {
    for (const seed of [0, 1, 123, 2 ** 31]) {
      const model = fitLabelModel(rows, 3, { seed });
      const proba = model.predictProba(withEmptyRows);
      expect(proba).toHaveLength(withEmptyRows.length);
      for (const row of proba) {
        expect(row).toHaveLength(3);
        expect(row.every((p) => Number.isFinite(p) && p >= 0)).toBe(true);
        expect(row.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
      }
      proba.at(-1)!.forEach((p, c) => expect(p).toBeCloseTo(model.classBalance[c], 12));
    }
  });

  it('gives the same model from number[][] and from the compact Int8Array form', () => {
    const fromRows = fitLabelModel(rows, 3);
    const fromCompact = fitLabelModel(planted.L, 3);
    expect(fromCompact.lfAccuracies).toEqual(fromRows.lfAccuracies);
    expect(Array.from(fromCompact.predictProbaCompact(planted.L))).toEqual(fromRows.predictProba(rows).flat());
  });

  it('without validation uses the generative model with a class balance from majority vote, and says so', () => {
    const model = fitLabelModel(rows, 3);
    expect(model).toMatchObject({ chosen: 'generative', validationAccuracy: null, classBalanceSource: 'votes' });
    expect(model.reason).toMatch(/no validation rows.*estimated from the majority-vote labels/);
  });

  it('without gold on skewed classes, the vote-estimated prior beats majority vote where a uniform prior falls far below', () => {
    // 90% / 7% / 3%: a minority-class task. Measured: uniform prior 0.609, majority vote 0.809, the planted
    // (true) prior 0.931, the prior estimated from majority-vote labels 0.937.
    const skewed = plantedVotes({ n: 20000, m: 10, k: 3, seed: 3, accuracy: [0.6, 0.9], coverage: [0.1, 0.5], classBalance: [0.9, 0.07, 0.03] });
    const L = toVoteRows(skewed.L);
    const y = Array.from(skewed.y);
    const accuracy = (model: ReturnType<typeof fitLabelModel>) => tieAwareAccuracy(model.predictProba(L), y);
    const estimated = accuracy(fitLabelModel(skewed.L, 3, { seed: 0 }));
    const uniform = accuracy(fitLabelModel(skewed.L, 3, { seed: 0, classBalance: [1 / 3, 1 / 3, 1 / 3] }));
    const majority = tieAwareAccuracy(majorityVote(L, 3), y);
    expect(uniform).toBeLessThan(majority - 0.1);
    expect(estimated).toBeGreaterThan(majority + 0.1);
    expect(estimated).toBeCloseTo(0.93735, 9);
  });

  it('with validation scores both models; a tie goes to the generative model', () => {
    // Every dev row has one correct vote: both models put all their mass on it, so both score 1.
    const L = [[0, -1, -1, -1, -1, -1, -1, -1], [-1, 2, -1, -1, -1, -1, -1, -1]];
    const model = fitLabelModel(rows, 3, { validation: { L, y: [0, 2] } });
    expect(model.validationAccuracy).toEqual({ generative: 1, majority: 1, rows: 2 });
    expect(model.chosen).toBe('generative');
  });

  it('with validation chooses the model with the higher tie-aware accuracy', () => {
    const validation = { L: rows.slice(0, 300), y: gold.slice(0, 300) };
    const model = fitLabelModel(rows.slice(300), 3, { validation });
    const { generative, majority } = model.validationAccuracy!;
    expect(model.chosen).toBe(generative >= majority ? 'generative' : 'majority');
    expect(generative).toBeGreaterThan(majority); // planted data follows the generative model's assumptions
  });

  it('uses a given class balance for the prior and reports it', () => {
    const model = fitLabelModel(rows, 3, { classBalance: [0.2, 0.3, 0.5] });
    expect(model).toMatchObject({ classBalance: [0.2, 0.3, 0.5], classBalanceSource: 'option' });
    const [noVotes] = model.predictProba([new Array<number>(8).fill(-1)]);
    noVotes.forEach((p, c) => expect(p).toBeCloseTo([0.2, 0.3, 0.5][c], 12));
  });

  it('throws RangeError on invalid votes, in fitting, validation and prediction', () => {
    const invalid = new RangeError('vote at row 1, column 1 is 3: expected -1 (abstain) or 0..2');
    expect(() => fitLabelModel([[0, 1], [1, 3]], 3)).toThrow(invalid);
    expect(() => fitLabelModel(rows, 3, { validation: { L: [[0, 0, 0, 0, 0, 0, 0, 9]], y: [0] } })).toThrow(/row 0, column 7 is 9/);
    const model = fitLabelModel(rows, 3);
    expect(() => model.predictProba([[0, 0, 0, 0, 0, 0, -7, 0]])).toThrow(/row 0, column 6 is -7/);
    expect(() => model.predictProba([[0, 0]])).toThrow(/2 LFs, the model was fitted on 8/);
  });

  it('rejects validation gold that does not fit the classes or the rows', () => {
    expect(() => fitLabelModel(rows, 3, { validation: { L: rows.slice(0, 2), y: [0] } })).toThrow(/2 rows but 1 labels/);
    expect(() => fitLabelModel(rows, 3, { validation: { L: rows.slice(0, 1), y: [3] } })).toThrow(/label 3 at row 0/);
  });
});
