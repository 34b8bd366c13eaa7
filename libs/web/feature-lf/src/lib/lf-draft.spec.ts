/// <reference types="jest" />
import type { Lf, LfDefinitionDto } from '@arbiter/contracts';
import {
  codeTemplate,
  draftFromDefinition,
  draftFromLf,
  emptyLfDraft,
  sameDefinition,
  toCreateLfRequest,
  toLfDefinition,
  toUpdateLfRequest,
  type LfDraft,
} from './lf-draft';

const LABELS = [{ name: 'ham' }, { name: 'spam' }];
const draft = (over: Partial<LfDraft>): LfDraft => ({ ...emptyLfDraft(LABELS), ...over });

const savedLf = (definition: LfDefinitionDto): Pick<Lf, 'name' | 'description' | 'current'> => ({
  name: 'check out',
  description: '',
  current: {
    id: 'v1',
    version: 1,
    kind: definition.kind,
    definition,
    author: { userId: null, name: 'Admin' },
    createdAt: '2025-01-01T00:00:00.000Z',
    error: null,
  },
});

describe('toLfDefinition', () => {
  it.each<[string, Partial<LfDraft>, LfDefinitionDto]>([
    [
      'keywords, comma-separated',
      { kind: 'keyword', keywords: 'free, win', match: 'substring', label: '1' },
      { kind: 'keyword', keywords: ['free', 'win'], match: 'substring', label: 1 },
    ],
    ['a regex with flags', { kind: 'regex', pattern: 'check\\s+out', flags: ' i ', label: '1' }, { kind: 'regex', pattern: 'check\\s+out', flags: 'i', label: 1 }],
    [
      'a threshold on a metadata field',
      { kind: 'threshold', field: ' likes ', op: '>', value: '2.5', label: '0' },
      { kind: 'threshold', field: 'likes', op: '>', value: 2.5, label: 0 },
    ],
    ['a word count', { kind: 'word-count', op: '<', value: '4', label: '0' }, { kind: 'word-count', op: '<', value: 4, label: 0 }],
    ['code, as typed', { kind: 'code', source: '(item) => ABSTAIN' }, { kind: 'code', source: '(item) => ABSTAIN' }],
    [
      'a model LF leaving the label to the model',
      { kind: 'model', modelVersion: '3', minConfidence: '0.85' },
      { kind: 'model', modelVersion: 3, minConfidence: 0.85 },
    ],
    [
      'a model LF for one label',
      { kind: 'model', modelVersion: '1', minConfidence: '0.9', label: '1' },
      { kind: 'model', modelVersion: 1, minConfidence: 0.9, label: 1 },
    ],
  ])('builds %s', (_name, over, expected) => {
    expect(toLfDefinition(draft(over), 2)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, Partial<LfDraft>, Record<string, string>]>([
    ['no label chosen', { kind: 'keyword', keywords: 'free' }, { label: 'Choose a label' }],
    ['a label the project lacks', { kind: 'keyword', keywords: 'free', label: '2' }, { label: 'Choose one of the project’s labels' }],
    ['no keywords', { kind: 'keyword', keywords: ' ,\n', label: '1' }, { keywords: 'Enter at least one keyword' }],
    ['a regex that does not compile', { kind: 'regex', pattern: '(check', label: '1' }, { pattern: expect.stringMatching(/^Pattern is not a valid regular expression: /) }],
    // What the server's linear-time engine refuses is refused here, before a save.
    ['a lookahead', { kind: 'regex', pattern: 'check(?= out)', label: '1' }, { pattern: expect.stringMatching(/^Pattern uses .*lookahead.*RE2/) }],
    ['a backreference', { kind: 'regex', pattern: '(a)\\1', label: '1' }, { pattern: expect.stringMatching(/^Pattern uses .*backreference.*RE2/) }],
    ['repeated flags', { kind: 'regex', pattern: 'a', flags: 'ii', label: '1' }, { flags: 'Flag "i" is repeated' }],
    ['the g flag', { kind: 'regex', pattern: 'a', flags: 'g', label: '1' }, { flags: 'flags may only use i, m, s and u' }],
    ['an empty pattern', { kind: 'regex', pattern: '', label: '1' }, { pattern: 'Required' }],
    ['a threshold without field or number', { kind: 'threshold', field: ' ', value: 'ten', label: '1' }, { field: 'Name a metadata field', value: 'A number' }],
    ['a blank word count', { kind: 'word-count', value: '', label: '1' }, { value: 'A number' }],
    ['blank code', { kind: 'code', source: '  \n ' }, { source: 'Write the function' }],
    [
      'a model LF without a version and with a confidence above 1',
      { kind: 'model', modelVersion: '', minConfidence: '1.2' },
      { modelVersion: 'A model version: 1, 2, …', minConfidence: 'A probability from 0 to 1' },
    ],
  ])('names the field for %s', (_name, over, errors) => {
    expect(toLfDefinition(draft(over), 2)).toEqual({ ok: false, errors });
  });
});

describe('toCreateLfRequest', () => {
  it('trims the name and sends the definition', () => {
    expect(toCreateLfRequest(draft({ name: ' spam words ', kind: 'keyword', keywords: 'free', label: '1' }), 2)).toEqual({
      ok: true,
      value: { name: 'spam words', description: '', definition: { kind: 'keyword', keywords: ['free'], match: 'word', label: 1 } },
    });
  });

  it('reports the name together with the definition', () => {
    expect(toCreateLfRequest(draft({ name: ' ', kind: 'keyword', keywords: '' }), 2)).toEqual({
      ok: false,
      errors: { name: 'Required', keywords: 'Enter at least one keyword', label: 'Choose a label' },
    });
  });
});

describe('toUpdateLfRequest', () => {
  const def: LfDefinitionDto = { kind: 'code', source: '(item) => /check out/i.test(item.text) ? 1 : ABSTAIN' };
  const lf = savedLf(def);

  it('is null when nothing changed', () => {
    expect(toUpdateLfRequest(draftFromLf(lf, LABELS), lf, 2)).toEqual({ ok: true, value: null });
  });

  it('sends a new definition (a new version) and leaves the rest out', () => {
    const source = '(item) => /check out my channel/i.test(item.text) ? 1 : ABSTAIN';
    expect(toUpdateLfRequest({ ...draftFromLf(lf, LABELS), source }, lf, 2)).toEqual({
      ok: true,
      value: { definition: { kind: 'code', source } },
    });
  });

  it('renames without a new version', () => {
    expect(toUpdateLfRequest({ ...draftFromLf(lf, LABELS), name: 'channel plugs ' }, lf, 2)).toEqual({
      ok: true,
      value: { name: 'channel plugs' },
    });
  });
});

describe('drafts of saved definitions', () => {
  it.each<LfDefinitionDto>([
    { kind: 'keyword', keywords: ['hello, world', 'subscribe'], match: 'word', label: 1 },
    { kind: 'regex', pattern: '^\\d+$', flags: '', label: 0 },
    { kind: 'threshold', field: 'likes', op: '>=', value: -3.5, label: 1 },
    { kind: 'word-count', op: '==', value: 1, label: 0 },
    { kind: 'code', source: 'function lf(item) { return ABSTAIN; }' },
    { kind: 'model', modelVersion: 2, minConfidence: 0.75 },
    { kind: 'model', modelVersion: 2, minConfidence: 0.5, label: 0 },
  ])('reads back %j', (def) => {
    const back = toLfDefinition(draftFromDefinition(def, LABELS), 2);
    expect(back).toEqual({ ok: true, value: def });
  });

  it('starts a new code LF from the template naming the labels', () => {
    expect(codeTemplate(LABELS)).toBe(
      [
        '// Return a label index or ABSTAIN. The item has text, metadata and id.',
        '// Labels: 0 = ham, 1 = spam',
        '(item) => /check out/i.test(item.text) ? 0 : ABSTAIN',
      ].join('\n'),
    );
    expect(emptyLfDraft(LABELS).source).toBe(codeTemplate(LABELS));
  });
});

describe('sameDefinition', () => {
  it('ignores the order of fields, not their values', () => {
    expect(sameDefinition({ kind: 'regex', pattern: 'a', flags: 'i', label: 1 }, { label: 1, flags: 'i', pattern: 'a', kind: 'regex' })).toBe(true);
    expect(sameDefinition({ kind: 'regex', pattern: 'a', flags: 'i', label: 1 }, { kind: 'regex', pattern: 'a', flags: '', label: 1 })).toBe(false);
    expect(
      sameDefinition({ kind: 'keyword', keywords: ['a', 'b'], match: 'word', label: 1 }, { kind: 'keyword', keywords: ['b', 'a'], match: 'word', label: 1 }),
    ).toBe(false);
  });
});
