/// <reference types="jest" />
import { pathFromLegacyHash } from './legacy-hash';

describe('pathFromLegacyHash', () => {
  it.each([
    ['#/login', '/login'],
    ['#/projects', '/projects'],
    ['#/projects/0b6c4f1e-8d3a-4c1e-9a57-2f5b8e9d7c10/lfs', '/projects/0b6c4f1e-8d3a-4c1e-9a57-2f5b8e9d7c10/lfs'],
    ['#/', '/'],
    ['', null],
    // An in-page anchor is not a route.
    ['#guidelines', null],
  ])('%s → %s', (hash, path) => {
    expect(pathFromLegacyHash(hash)).toBe(path);
  });
});
