import { isUiPath } from './serve-web-ui';

describe('isUiPath', () => {
  it.each([
    ['/', true],
    ['/login?redirect=/projects/a.b', true],
    ['/projects/0b6c4f1e-8d3a-4c1e-9a57-2f5b8e9d7c10/lfs', true],
    ['/no/such/page', true],
    // Only whole segments are server paths.
    ['/apis', true],
    ['/healthy', true],
    ['/api', false],
    ['/api/projects', false],
    ['/api/no-such-route?x=1', false],
    ['/health', false],
    ['/metrics', false],
    ['/socket.io/?EIO=4&transport=polling', false],
    // Names a file: a missing one stays a 404.
    ['/assets/index-abc123.js', false],
    ['/favicon.ico', false],
  ])('%s → %s', (url, ui) => {
    expect(isUiPath(url)).toBe(ui);
  });
});
