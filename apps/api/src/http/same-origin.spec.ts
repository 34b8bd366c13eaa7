import { isCrossOrigin, needsOriginCheck } from './same-origin';

// The cases of Go 1.25's net/http CrossOriginProtection (its tests name them), which this check follows.
describe('isCrossOrigin', () => {
  const host = 'arbiter.example:3000';
  it.each([
    ['same-origin fetch metadata', { secFetchSite: 'same-origin', origin: 'http://arbiter.example:3000', host }, false],
    ['a user typing the URL (none)', { secFetchSite: 'none', host }, false],
    ['cross-site fetch metadata', { secFetchSite: 'cross-site', origin: 'https://evil.example', host }, true],
    ['same-site but another origin', { secFetchSite: 'same-site', origin: 'http://sub.arbiter.example:3000', host }, true],
    ['old browser, Origin of the same host', { origin: 'http://arbiter.example:3000', host }, false],
    ['old browser, Origin of another host', { origin: 'http://evil.example', host }, true],
    ['an opaque origin', { origin: 'null', host }, true],
    ['no browser headers at all (curl, SDK)', { host }, false],
  ])('%s', (_name, headers, expected) => {
    expect(isCrossOrigin(headers, [])).toBe(expected);
  });

  it('lets trusted origins through even cross-site', () => {
    expect(isCrossOrigin({ secFetchSite: 'cross-site', origin: 'https://ui.example', host }, ['https://ui.example'])).toBe(false);
  });

  it('checks only state-changing requests without a bearer credential', () => {
    expect(needsOriginCheck('GET', {})).toBe(false);
    expect(needsOriginCheck('POST', {})).toBe(true);
    expect(needsOriginCheck('DELETE', { authorization: 'Bearer arb_x' })).toBe(false);
  });
});
