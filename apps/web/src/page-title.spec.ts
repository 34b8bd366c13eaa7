/// <reference types="jest" />
import { pageTitle } from './page-title';

describe('pageTitle', () => {
  it.each([
    [[], 'Arbiter'],
    [['Projects'], 'Projects · Arbiter'],
    [['Annotate', 'Spam triage'], 'Annotate · Spam triage · Arbiter'],
    // A project name not loaded yet leaves its place out rather than printing "undefined".
    [['Annotate', undefined], 'Annotate · Arbiter'],
  ])('%j → %s', (parts, title) => {
    expect(pageTitle(...parts)).toBe(title);
  });
});
