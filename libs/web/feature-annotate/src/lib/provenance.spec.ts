/// <reference types="jest" />
import { chosenByText, suggestionSource } from './provenance';

describe('chosenByText', () => {
  it.each([
    [{ strategy: 'margin', score: 0.04213, rank: 3, modelVersion: 3 }, 'Chosen by margin · score 0.0421 · model v3'],
    [{ strategy: 'hybrid', score: 0.5, rank: 0, modelVersion: 12 }, 'Chosen by hybrid · score 0.5 · model v12'],
    [{ strategy: 'k-center', score: 12345.6, rank: 1, modelVersion: 1 }, 'Chosen by k-center · score 12,346 · model v1'],
    [{ strategy: 'kmeans-pp', score: null, rank: 7, modelVersion: null }, 'Chosen by kmeans-pp · no model yet'],
    [{ strategy: 'entropy', score: 0, rank: 0, modelVersion: 2 }, 'Chosen by entropy · score 0 · model v2'],
  ] as const)('%j → %s', (reason, text) => {
    expect(chosenByText(reason)).toBe(text);
  }, 5_000);
});

describe('suggestionSource', () => {
  it('names the model version of a pre-annotation, and a plain model for an imported prediction', () => {
    expect(suggestionSource({ suggestionModelVersion: 4 })).toBe('pre-annotation, model v4:');
    expect(suggestionSource({ suggestionModelVersion: null })).toBe('model');
    expect(suggestionSource({})).toBe('model');
  }, 5_000);
});
