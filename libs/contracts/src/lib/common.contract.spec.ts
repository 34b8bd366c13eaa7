import { isItemId, isUuid } from './common.contract';

describe('id checks for path parameters', () => {
  it.each([
    ['1', true],
    ['9223372036854775807', true], // PostgreSQL bigint's maximum
    ['9223372036854775808', false], // one past it would make PostgreSQL fail, not answer 404
    ['0', false],
    ['01', false],
    ['-1', false],
    ['1e3', false],
  ])('item id %s → %s', (id, ok) => {
    expect(isItemId(id)).toBe(ok);
  });

  it('accepts a UUID and nothing else', () => {
    expect(isUuid('2b0a3c1e-6f1d-4b8e-9a39-2f6f2f1d0c11')).toBe(true);
    expect(isUuid('not-a-uuid')).toBe(false);
    expect(isUuid("2b0a3c1e-6f1d-4b8e-9a39-2f6f2f1d0c11' OR 1=1")).toBe(false);
  });
});
