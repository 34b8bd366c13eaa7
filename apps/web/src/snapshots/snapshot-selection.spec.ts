import { shownVersion, steppedVersion } from './snapshot-selection';

const LIST = [
  { version: 4, status: 'building' as const },
  { version: 3, status: 'failed' as const },
  { version: 2, status: 'complete' as const },
  { version: 1, status: 'complete' as const },
];

describe('snapshot selection', () => {
  it('shows the chosen version, else the newest complete one, else the newest', () => {
    expect(shownVersion(LIST, 3)).toBe(3);
    expect(shownVersion(LIST, null)).toBe(2);
    expect(shownVersion(LIST, 9)).toBe(2);
    expect(shownVersion([{ version: 1, status: 'building' }], null)).toBe(1);
    expect(shownVersion([], null)).toBeNull();
  }, 5_000);

  it('steps to the older or newer neighbour and stops at the ends', () => {
    expect(steppedVersion(LIST, 3, 1)).toBe(2);
    expect(steppedVersion(LIST, 3, -1)).toBe(4);
    expect(steppedVersion(LIST, 4, -1)).toBe(4);
    expect(steppedVersion(LIST, 1, 1)).toBe(1);
    expect(steppedVersion(LIST, null, 1)).toBe(4);
  }, 5_000);
});
