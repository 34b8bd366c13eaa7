// Input validation: bad ids are programming errors and throw a RangeError naming the judgement.
import { dawidSkene } from './dawid-skene';
import { toJudgementColumns } from './judgement-columns';
import { majorityVote } from './majority-vote';

const VALID = { items: 2, workers: 2, classes: 3 };

describe('consensus input validation', () => {
  it('packs judgements into typed columns with per-item counts', () => {
    const cols = toJudgementColumns({
      ...VALID,
      judgements: [
        { item: 1, worker: 0, label: 2 },
        { item: 1, worker: 1, label: 0 },
      ],
    });
    expect([...cols.item, ...cols.worker, ...cols.label]).toEqual([1, 1, 0, 1, 2, 0]);
    expect([...cols.perItem]).toEqual([0, 2]);
  });

  it.each([
    [{ item: 2, worker: 0, label: 0 }, 'judgements[1].item = 2 is out of range 0..1'],
    [{ item: 0, worker: -1, label: 0 }, 'judgements[1].worker = -1 is out of range 0..1'],
    [{ item: 0, worker: 0, label: 3 }, 'judgements[1].label = 3 is out of range 0..2'],
    [{ item: 0, worker: 0, label: 1.5 }, 'judgements[1].label = 1.5 is out of range 0..2'],
    [{ item: NaN, worker: 0, label: 0 }, 'judgements[1].item = NaN is out of range 0..1'],
  ])('throws a RangeError naming the bad judgement: %o', (bad, message) => {
    const input = { ...VALID, judgements: [{ item: 0, worker: 0, label: 0 }, bad] };
    for (const run of [majorityVote, dawidSkene]) {
      expect(() => run(input)).toThrow(RangeError);
      expect(() => run(input)).toThrow(message);
    }
  });

  it.each([
    [{ items: -1 }, 'items must be an integer >= 0'],
    [{ workers: 1.5 }, 'workers must be an integer >= 0'],
    [{ classes: 0 }, 'classes must be an integer >= 1'],
  ])('throws a RangeError for a bad count %o', (override, message) => {
    const got = Object.values(override)[0];
    const input = { ...VALID, judgements: [], ...override };
    expect(() => majorityVote(input)).toThrow(new RangeError(`${message}, got ${got}`));
  });

  it.each([{ maxIterations: 0 }, { maxIterations: 2.5 }, { tolerance: -1 }, { smoothing: 0 }, { smoothing: NaN }])(
    'dawidSkene throws a RangeError for bad options %o',
    (options) => {
      expect(() => dawidSkene({ ...VALID, judgements: [] }, options)).toThrow(RangeError);
    },
  );
});
