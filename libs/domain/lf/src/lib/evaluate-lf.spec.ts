import { ABSTAIN, applyLfs, compileLf, evaluateLf, type LfDefinition, LfDefinitionError, LfDefinitionErrorCode } from '../index';

const SPAM = 1;
const HAM = 0;

describe('evaluateLf', () => {
  it.each([
    // keyword, word match on lower-cased text split as Python's str.split()
    { def: { kind: 'keyword', keywords: ['my'], label: SPAM }, text: 'Check MY channel', vote: SPAM },
    { def: { kind: 'keyword', keywords: ['my'], label: SPAM }, text: 'a mystery', vote: ABSTAIN },
    { def: { kind: 'keyword', keywords: ['my'], label: SPAM }, text: 'visit my\uFEFF', vote: ABSTAIN },
    { def: { kind: 'keyword', keywords: ['my'], label: SPAM }, text: 'visit my \uFEFF', vote: SPAM },
    { def: { kind: 'keyword', keywords: ['please', 'plz'], label: SPAM }, text: 'sub PLZ', vote: SPAM },
    { def: { kind: 'keyword', keywords: ['Song'], label: HAM }, text: 'nice song', vote: HAM },
    // keyword, substring match (the Snorkel tutorial's `word in x.text.lower()`)
    { def: { kind: 'keyword', keywords: ['my'], match: 'substring', label: SPAM }, text: 'a MYstery', vote: SPAM },
    { def: { kind: 'keyword', keywords: ['song'], match: 'substring', label: HAM }, text: 'great songs', vote: HAM },
    { def: { kind: 'keyword', keywords: ['check out'], match: 'substring', label: SPAM }, text: 'Check Out!', vote: SPAM },
    // regex, searched in the original text
    { def: { kind: 'regex', pattern: 'check.*out', flags: 'i', label: SPAM }, text: 'CHECK this out', vote: SPAM },
    { def: { kind: 'regex', pattern: 'check.*out', flags: 'i', label: SPAM }, text: 'out, check', vote: ABSTAIN },
    { def: { kind: 'regex', pattern: 'check.*out', label: SPAM }, text: 'Check it out', vote: ABSTAIN },
    { def: { kind: 'regex', pattern: 'check.*out', flags: 's', label: SPAM }, text: 'check\nout', vote: SPAM },
    { def: { kind: 'regex', pattern: '^\\p{Lu}+$', flags: 'u', label: SPAM }, text: 'ÉCOUTE', vote: SPAM },
    // word-count (short_comment: fewer than 5 words)
    { def: { kind: 'word-count', op: '<', value: 5, label: HAM }, text: 'I love your music\uFEFF', vote: HAM },
    { def: { kind: 'word-count', op: '<', value: 5, label: HAM }, text: 'I love your music \uFEFF', vote: ABSTAIN },
    { def: { kind: 'word-count', op: '<', value: 5, label: HAM }, text: '', vote: HAM },
    { def: { kind: 'word-count', op: '>=', value: 3, label: SPAM }, text: 'a b c', vote: SPAM },
  ] as { def: LfDefinition; text: string; vote: number }[])('$def.kind $def.keywords$def.pattern on $text → $vote', ({ def, text, vote }) => {
    expect(evaluateLf(def, { text })).toBe(vote);
  });

  const over = (op: string, value: number) => ({ kind: 'threshold', field: 'views', op, value, label: SPAM }) as LfDefinition;
  it.each([
    { def: over('>', 100), metadata: { views: 101 }, vote: SPAM },
    { def: over('>', 100), metadata: { views: 100 }, vote: ABSTAIN },
    { def: over('>=', 100), metadata: { views: 100 }, vote: SPAM },
    { def: over('<', 100), metadata: { views: 99.5 }, vote: SPAM },
    { def: over('<=', 100), metadata: { views: 100.5 }, vote: ABSTAIN },
    { def: over('==', 100), metadata: { views: 100 }, vote: SPAM },
    { def: over('!=', 100), metadata: { views: 100 }, vote: ABSTAIN },
    // CSV-ingested metadata arrives as strings: a plain decimal counts, anything else abstains
    { def: over('>', 100), metadata: { views: ' 1e3 ' }, vote: SPAM },
    { def: over('!=', 100), metadata: { views: 'many' }, vote: ABSTAIN },
    { def: over('!=', 100), metadata: { views: '' }, vote: ABSTAIN },
    { def: over('!=', 100), metadata: { views: '0x10' }, vote: ABSTAIN },
    { def: over('!=', 100), metadata: { views: null }, vote: ABSTAIN },
    { def: over('!=', 100), metadata: { views: true }, vote: ABSTAIN },
    { def: over('!=', 100), metadata: { views: Number.NaN }, vote: ABSTAIN },
    { def: over('!=', 100), metadata: { views: Infinity }, vote: ABSTAIN },
    { def: over('!=', 100), metadata: {}, vote: ABSTAIN },
    { def: over('!=', 100), metadata: undefined, vote: ABSTAIN },
    // an inherited property is not a field
    { def: { ...over('!=', 0), field: 'constructor' } as LfDefinition, metadata: {}, vote: ABSTAIN },
  ])('threshold views $def.op $def.value on $metadata.views → $vote', ({ def, metadata, vote }) => {
    expect(evaluateLf(def, { text: '', metadata: metadata as Record<string, unknown> | undefined })).toBe(vote);
  });

  it('a compiled regex LF gives the same vote every time (no lastIndex state)', () => {
    const lf = compileLf({ kind: 'regex', pattern: 'out', flags: 'i', label: SPAM });
    expect([1, 2, 3].map(() => lf({ text: 'check it out' }))).toEqual([SPAM, SPAM, SPAM]);
  });
});

describe('a model LF', () => {
  // Stored probabilities of two model versions for three labels; v2 is missing for some items.
  const scored = (v1: number[] | null, v2: number[] | null = null) => ({
    text: 'any text',
    predictions: new Map([...(v1 ? [[1, v1] as const] : []), ...(v2 ? [[2, v2] as const] : [])]),
  });
  it.each([
    // The most likely label at or above the confidence votes; below it, abstain.
    { def: { kind: 'model', modelVersion: 1, minConfidence: 0.8 }, item: scored([0.1, 0.85, 0.05]), vote: 1 },
    { def: { kind: 'model', modelVersion: 1, minConfidence: 0.85 }, item: scored([0.1, 0.85, 0.05]), vote: 1 },
    { def: { kind: 'model', modelVersion: 1, minConfidence: 0.9 }, item: scored([0.1, 0.85, 0.05]), vote: ABSTAIN },
    // With a label: only when that label is the most likely one.
    { def: { kind: 'model', modelVersion: 1, minConfidence: 0.5, label: 2 }, item: scored([0.05, 0.1, 0.85]), vote: 2 },
    { def: { kind: 'model', modelVersion: 1, minConfidence: 0.5, label: 1 }, item: scored([0.05, 0.1, 0.85]), vote: ABSTAIN },
    // A confidence of 0 votes the arg-max everywhere; a tie goes to the lower label.
    { def: { kind: 'model', modelVersion: 1, minConfidence: 0 }, item: scored([0.4, 0.2, 0.4]), vote: 0 },
    // The pinned version is the one read; an item that version never scored abstains.
    { def: { kind: 'model', modelVersion: 2, minConfidence: 0.6 }, item: scored([0.9, 0.05, 0.05], [0.1, 0.1, 0.8]), vote: 2 },
    { def: { kind: 'model', modelVersion: 2, minConfidence: 0.6 }, item: scored([0.9, 0.05, 0.05]), vote: ABSTAIN },
    { def: { kind: 'model', modelVersion: 1, minConfidence: 0.1 }, item: { text: 'never scored' }, vote: ABSTAIN },
  ] as { def: LfDefinition; item: { text: string }; vote: number }[])('$def on $item.predictions → $vote', ({ def, item, vote }) => {
    expect(evaluateLf(def, item)).toBe(vote);
  });

  it('is refused without a model version or with a confidence outside 0..1', () => {
    expect(() => compileLf({ kind: 'model', minConfidence: 0.9 } as unknown as LfDefinition)).toThrow(
      expect.objectContaining({ code: LfDefinitionErrorCode.InvalidModelVersion, path: 'modelVersion' }),
    );
    expect(() => compileLf({ kind: 'model', modelVersion: 1, minConfidence: 1.5 })).toThrow(
      expect.objectContaining({ code: LfDefinitionErrorCode.InvalidConfidence, path: 'minConfidence' }),
    );
    expect(() => compileLf({ kind: 'model', modelVersion: 1, minConfidence: 0.5, label: -2 })).toThrow(
      expect.objectContaining({ code: LfDefinitionErrorCode.InvalidLabel, path: 'label' }),
    );
  });
});

describe('compileLf rejects a bad definition with a typed error naming the property', () => {
  it.each([
    { def: null, code: LfDefinitionErrorCode.NotAnObject, path: '' },
    { def: { kind: 'code', source: 'return 1', label: 1 }, code: LfDefinitionErrorCode.UnknownKind, path: 'kind' },
    { def: { kind: 'keyword', keywords: ['x'], label: -1 }, code: LfDefinitionErrorCode.InvalidLabel, path: 'label' },
    { def: { kind: 'keyword', keywords: ['x'], label: 1.5 }, code: LfDefinitionErrorCode.InvalidLabel, path: 'label' },
    { def: { kind: 'keyword', keywords: ['x'], label: 128 }, code: LfDefinitionErrorCode.InvalidLabel, path: 'label' },
    { def: { kind: 'keyword', keywords: ['x'], label: '1' }, code: LfDefinitionErrorCode.InvalidLabel, path: 'label' },
    { def: { kind: 'keyword', keywords: [], label: 1 }, code: LfDefinitionErrorCode.InvalidKeywords, path: 'keywords' },
    { def: { kind: 'keyword', keywords: ['ok', ''], label: 1 }, code: LfDefinitionErrorCode.InvalidKeywords, path: 'keywords[1]' },
    { def: { kind: 'keyword', keywords: ['check out'], label: 1 }, code: LfDefinitionErrorCode.InvalidKeywords, path: 'keywords[0]' },
    { def: { kind: 'keyword', keywords: ['x'], match: 'regex', label: 1 }, code: LfDefinitionErrorCode.InvalidMatch, path: 'match' },
    { def: { kind: 'regex', pattern: 'a(', label: 1 }, code: LfDefinitionErrorCode.InvalidRegexPattern, path: 'pattern' },
    { def: { kind: 'regex', pattern: '\\p{Nope}', flags: 'u', label: 1 }, code: LfDefinitionErrorCode.InvalidRegexPattern, path: 'pattern' },
    { def: { kind: 'regex', label: 1 }, code: LfDefinitionErrorCode.InvalidRegexPattern, path: 'pattern' },
    { def: { kind: 'regex', pattern: 'a', flags: 'g', label: 1 }, code: LfDefinitionErrorCode.InvalidRegexFlags, path: 'flags' },
    { def: { kind: 'regex', pattern: 'a', flags: 'y', label: 1 }, code: LfDefinitionErrorCode.InvalidRegexFlags, path: 'flags' },
    { def: { kind: 'regex', pattern: 'a', flags: 'ii', label: 1 }, code: LfDefinitionErrorCode.InvalidRegexFlags, path: 'flags' },
    { def: { kind: 'regex', pattern: 'a', flags: 'uv', label: 1 }, code: LfDefinitionErrorCode.InvalidRegexFlags, path: 'flags' },
    { def: { kind: 'regex', pattern: 'a', flags: 'v', label: 1 }, code: LfDefinitionErrorCode.InvalidRegexFlags, path: 'flags' },
    { def: { kind: 'regex', pattern: '(a)\\1', label: 1 }, code: LfDefinitionErrorCode.InvalidRegexPattern, path: 'pattern' },
    { def: { kind: 'regex', pattern: 'a(?=b)', label: 1 }, code: LfDefinitionErrorCode.InvalidRegexPattern, path: 'pattern' },
    { def: { kind: 'regex', pattern: 'a', flags: 1, label: 1 }, code: LfDefinitionErrorCode.InvalidRegexFlags, path: 'flags' },
    { def: { kind: 'threshold', field: '', op: '>', value: 1, label: 1 }, code: LfDefinitionErrorCode.InvalidField, path: 'field' },
    { def: { kind: 'threshold', field: 'x', op: '=', value: 1, label: 1 }, code: LfDefinitionErrorCode.InvalidOperator, path: 'op' },
    { def: { kind: 'threshold', field: 'x', op: '>', value: Number.NaN, label: 1 }, code: LfDefinitionErrorCode.InvalidValue, path: 'value' },
    { def: { kind: 'word-count', op: '<', value: '5', label: 0 }, code: LfDefinitionErrorCode.InvalidValue, path: 'value' },
  ])('$code at "$path" for $def', ({ def, code, path }) => {
    let thrown: unknown;
    try {
      compileLf(def as unknown as LfDefinition);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LfDefinitionError);
    expect(thrown).toMatchObject({ code, path });
  });

  it('names the regex syntax problem in the message', () => {
    expect(() => compileLf({ kind: 'regex', pattern: 'a(', label: 1 })).toThrow('pattern is not a valid regular expression: unterminated group opened at position 2');
  });

  it('accepts a keyword with spaces in substring mode', () => {
    expect(() => compileLf({ kind: 'keyword', keywords: ['check out'], match: 'substring', label: 1 })).not.toThrow();
  });
});

describe('applyLfs', () => {
  it('fills the label matrix row by row: row = item, column = LF', () => {
    const L = applyLfs({
      lfs: [
        { kind: 'keyword', keywords: ['http'], label: SPAM },
        { kind: 'word-count', op: '<', value: 3, label: HAM },
      ],
      items: [{ text: 'see http' }, { text: 'one two three' }, { text: 'http' }],
    });
    expect({ n: L.n, m: L.m, votes: [...L.votes] }).toEqual({ n: 3, m: 2, votes: [SPAM, HAM, -1, -1, SPAM, HAM] });
  });
});
