// mapRecord gold and prediction: labels by name or index, single- and multi-label rules.
import type { FieldMapping, LabelSpace, MappedItem, RowError } from './ingest.types';
import { mapRecord } from './map-record';

const SINGLE: LabelSpace = { names: ['ham', 'spam'], multi: false };
const MULTI: LabelSpace = { names: ['sports', 'politics', 'tech'], multi: true };
const MAPPING: FieldMapping = { text: 'text', gold: 'gold', prediction: 'pred' };

const map = (labels: LabelSpace, gold: unknown, pred?: unknown) =>
  mapRecord({ line: 3, fields: { text: 't', gold, pred } }, MAPPING, labels);
const unknownLabel = (label: string, labels: LabelSpace) =>
  `unknown label ${label}; valid labels: ${labels.names.join(', ')} (or 0-${labels.names.length - 1})`;
const outOfRange = (label: string, found: string) =>
  `probability of "${label}" must be a number between 0 and 1, found ${found}`;
const ok = (labels: LabelSpace, gold: unknown, pred?: unknown): MappedItem => {
  const result = map(labels, gold, pred);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.item;
};
const fail = (labels: LabelSpace, gold: unknown, pred?: unknown): RowError => {
  const result = map(labels, gold, pred);
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.item)}`);
  return result.error;
};

describe('mapRecord gold', () => {
  it.each([
    ['a name', 'spam', [1]],
    ['a name in another case', 'SPAM', [1]],
    ['a name with spaces around', ' ham ', [0]],
    ['an index as a CSV string', '1', [1]],
    ['an index as a JSON number', 0, [0]],
    ['a one-element array', ['spam'], [1]],
    ['empty', '', null],
    ['null', null, null],
    ['missing', undefined, null],
  ])('single-label: %s', (_name, gold, expected) => {
    expect(ok(SINGLE, gold).gold).toEqual(expected);
  });

  it('prefers an exact name over a case-insensitive one, and a name over an index', () => {
    expect(ok({ names: ['Spam', 'spam'], multi: false }, 'spam').gold).toEqual([1]);
    expect(ok({ names: ['1', '0'], multi: false }, '0').gold).toEqual([1]);
  });

  it.each([
    ['an unknown name', 'eggs', 'unknown label "eggs"; valid labels: ham, spam (or 0-1)'],
    ['an index out of range', '2', unknownLabel('"2"', SINGLE)],
    ['a negative index', -1, unknownLabel('-1', SINGLE)],
    ['a fractional index', 0.5, unknownLabel('0.5', SINGLE)],
    ['two labels', 'ham|spam', 'expected exactly one gold label, found 2'],
    ['a two-element array', ['ham', 'spam'], 'expected exactly one gold label, found 2'],
    ['an object', { spam: 1 }, 'gold must be a label name or index, found an object'],
  ])('single-label: rejects %s', (_name, gold, message) => {
    expect(fail(SINGLE, gold)).toEqual({ line: 3, field: 'gold', message });
  });

  it('rejects a name that matches several labels ignoring case', () => {
    expect(fail({ names: ['Spam', 'SPAM'], multi: false }, 'spam').message).toBe(
      'label "spam" is ambiguous ignoring case (Spam, SPAM); use the exact name',
    );
  });

  it.each([
    ['a JSON array', ['tech', 'sports'], [0, 2]],
    ['a JSON-array string from CSV', '["tech", 1]', [1, 2]],
    ['names separated by |', 'tech|sports', [0, 2]],
    ['names and indexes separated by ; with spaces and repeats', ' Tech ; 0;2 ;', [0, 2]],
    ['one name', 'politics', [1]],
    ['one index', 2, [2]],
    ['an empty JSON array: no label applies', '[]', []],
    ['empty', '', null],
  ])('multi-label: %s', (_name, gold, expected) => {
    expect(ok(MULTI, gold).gold).toEqual(expected);
  });

  it.each([
    ['an unknown name among known ones', 'tech|cooking', unknownLabel('"cooking"', MULTI)],
    ['a broken JSON array', '["tech",', expect.stringMatching(/^gold is not valid JSON: /)],
    ['an index out of range in an array', [0, 3], unknownLabel('3', MULTI)],
  ])('multi-label: rejects %s', (_name, gold, message) => {
    expect(fail(MULTI, gold)).toEqual({ line: 3, field: 'gold', message });
  });
});

describe('mapRecord prediction', () => {
  it.each([
    ['an object by label name', SINGLE, { spam: 0.7, ham: 0.3 }, [0.3, 0.7]],
    ['an object from a CSV cell, a missing label counting 0', SINGLE, '{"spam": 1}', [0, 1]],
    ['an array of k probabilities', SINGLE, [0.25, 0.75], [0.25, 0.75]],
    ['an array from a CSV cell', SINGLE, '[0.5, 0.5]', [0.5, 0.5]],
    ['a sum off by less than 1e-3', SINGLE, [0.3333, 0.6666], [0.3333, 0.6666]],
    ['multi-label probabilities that need not sum to 1', MULTI, { tech: 0.9, sports: 0.8 }, [0.8, 0, 0.9]],
    ['multi-label all zero', MULTI, [0, 0, 0], [0, 0, 0]],
    ['empty', SINGLE, '', null],
    ['missing', SINGLE, undefined, null],
  ])('accepts %s', (_name, labels, pred, expected) => {
    expect(ok(labels, null, pred).prediction).toEqual(expected);
  });

  it.each([
    ['an unknown label name', SINGLE, { spam: 0.5, eggs: 0.5 }, unknownLabel('"eggs"', SINGLE)],
    ['the wrong number of probabilities', SINGLE, [1], 'prediction must have 2 probabilities (one per label), found 1'],
    ['a probability above 1', MULTI, [1.2, 0, 0], outOfRange('sports', '1.2')],
    ['a negative probability', SINGLE, { ham: -0.1, spam: 1.1 }, outOfRange('ham', '-0.1')],
    ['a probability given as a string', SINGLE, ['0.5', 0.5], outOfRange('ham', '"0.5"')],
    ['a non-finite probability', SINGLE, [NaN, 1], outOfRange('ham', 'NaN')],
    [
      'a single-label sum off by more than 1e-3',
      SINGLE,
      [0.5, 0.49],
      'prediction probabilities must add up to 1 for single-label data, found 0.99',
    ],
    ['a label given twice', SINGLE, { spam: 0.5, SPAM: 0.5 }, 'prediction gives label "spam" twice'],
    [
      'a number',
      SINGLE,
      0.5,
      'prediction must be an object {label: probability} or an array of 2 probabilities, found a number',
    ],
    ['a CSV cell that is not JSON', SINGLE, 'spam=0.9', expect.stringMatching(/^prediction is not valid JSON: /)],
  ])('rejects %s', (_name, labels, pred, message) => {
    expect(fail(labels, null, pred)).toEqual({ line: 3, field: 'pred', message });
  });
});
