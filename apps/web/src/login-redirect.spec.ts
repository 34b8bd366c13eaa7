/// <reference types="jest" />
import { safeRedirect } from './login-redirect';

describe('safeRedirect', () => {
  it.each([
    ['/projects/0b6c4f1e-8d3a-4c1e-9a57-2f5b8e9d7c10/lfs', '/projects/0b6c4f1e-8d3a-4c1e-9a57-2f5b8e9d7c10/lfs'],
    ['/projects?x=1', '/projects?x=1'],
    ['//evil.example/steal', undefined],
    ['/\\evil.example', undefined],
    ['https://evil.example/', undefined],
    ['javascript:alert(1)', undefined],
    ['projects', undefined],
    [42, undefined],
    [undefined, undefined],
  ])('%j → %j', (value, expected) => {
    expect(safeRedirect(value)).toBe(expected);
  });
});
