import { majorityLabel } from './majority-label';

describe('majorityLabel', () => {
  it.each([
    { annotations: [], kind: 'single' as const, expected: null },
    { annotations: [[1]], kind: 'single' as const, expected: [1] },
    { annotations: [[1], [0], [1]], kind: 'single' as const, expected: [1] },
    { annotations: [[1], [0]], kind: 'single' as const, expected: null },
    { annotations: [[2], [0], [1]], kind: 'single' as const, expected: null },
    { annotations: [[0, 2], [2], [1, 2]], kind: 'multi' as const, expected: [2] },
    { annotations: [[0, 1], [0, 1], [1]], kind: 'multi' as const, expected: [0, 1] },
    { annotations: [[0], [1]], kind: 'multi' as const, expected: [] },
  ])('$kind $annotations → $expected', ({ annotations, kind, expected }) => {
    expect(majorityLabel({ annotations, kind })).toEqual(expected);
  });
});
