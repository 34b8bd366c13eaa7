import { asSentence } from './as-sentence';

describe('asSentence', () => {
  it('capitalises a terse message and ends it with a full stop, once', () => {
    expect(asSentence(' item not found ')).toBe('Item not found.');
    expect(asSentence('lease lost!')).toBe('Lease lost!');
    expect(asSentence('Done.')).toBe('Done.');
  }, 5_000);
});
