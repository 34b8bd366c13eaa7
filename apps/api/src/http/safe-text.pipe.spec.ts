import { findUnsafeText } from './safe-text.pipe';

describe('findUnsafeText', () => {
  it('names the field holding a NUL or a lone surrogate', () => {
    expect(findUnsafeText({ name: 'a\u0000b' })).toEqual(['name']);
    expect(findUnsafeText({ labelSchema: { labels: [{ name: 'ok' }, { name: 'x\ud800' }] } })).toEqual(['labelSchema', 'labels', '1', 'name']);
    expect(findUnsafeText({ definition: { keywords: ['fine', '\udc00'] } })).toEqual(['definition', 'keywords', '1']);
  });

  it('lets paired surrogates (emoji) and ordinary text through', () => {
    expect(findUnsafeText({ name: 'spam 😀', n: 3, list: ['ä', null] })).toBeNull();
  });

  it('checks object keys too', () => {
    expect(findUnsafeText({ metadata: { 'a\u0000': 1 } })).toEqual(['metadata', 'a\\0']);
  });
});
