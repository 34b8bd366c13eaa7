// l2NormaliseRows: unit rows whatever the scale, zero rows left at zero, the input untouched.
import { l2NormaliseRows } from './dense-rows';

describe('l2NormaliseRows', () => {
  it('scales each row to unit norm, keeping its direction, and leaves zero rows and the input alone', () => {
    const data = Float32Array.from([3, 4, 0, 0, 0, 0, 0, -200, 0]);
    const out = l2NormaliseRows(data, 3);
    expect(Array.from(out)).toEqual([Math.fround(0.6), Math.fround(0.8), 0, 0, 0, 0, 0, -1, 0]);
    expect(Array.from(data)).toEqual([3, 4, 0, 0, 0, 0, 0, -200, 0]);
  }, 5_000);

  it('refuses data that is not whole rows', () => {
    expect(() => l2NormaliseRows(new Float32Array(5), 2)).toThrow(RangeError);
  }, 5_000);
});
