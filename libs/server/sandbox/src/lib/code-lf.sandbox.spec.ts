// What an engineer sees of a code LF: its votes, the forms of source it accepts, and a clear error naming
// the item when it misbehaves, with the votes before that item kept.
import { CodeLfError, CodeLfErrorCode } from './code-lf.error';
import { compileCodeLf } from './code-lf.sandbox';
import { ITEMS, item, runOnce } from './code-lf.testing';

jest.setTimeout(30_000);

const votesOf = async (source: string, k = 2) => {
  const { votes, error } = await runOnce(source, ITEMS, k);
  expect(error).toBeNull();
  return Array.from(votes);
};

const compileError = (source: string) =>
  compileCodeLf(source).then(
    (lf) => {
      lf.dispose();
      throw new Error('compiled');
    },
    (error: CodeLfError) => error,
  );

describe('code LF votes', () => {
  it.each([
    ['an arrow expression', `(item) => item.text.includes('http') ? 1 : ABSTAIN`, [1, -1, -1, -1]],
    ['an anonymous function expression', `function (item) { return item.metadata.likes > 100 ? 0 : ABSTAIN }`, [-1, 0, -1, -1]],
    [
      'a function lf declaration with helpers',
      `const SPAM = ['subscribe', 'http'];\nconst hit = (t) => SPAM.some((w) => t.includes(w));\nfunction lf(item) { return hit(item.text) ? 1 : 0; }`,
      [1, 0, 1, 0],
    ],
    ['nested metadata', `(item) => item.metadata.tags?.[1]?.lang === 'en' ? 2 : ABSTAIN`, [-1, 2, -1, -1]],
  ])('evaluates %s', async (_form, source, expected) => {
    expect(await votesOf(source, 3)).toEqual(expected);
  });

  it('evaluates 10 000 items exactly', async () => {
    const items = Array.from({ length: 10_000 }, (_, i) =>
      item(String(i), i % 3 === 0 ? `visit http://x.example/${i}` : `comment ${i}`, { n: i }),
    );
    const { votes, error } = await runOnce(`(item) => item.text.includes('http') ? 1 : item.metadata.n % 7 === 0 ? 0 : ABSTAIN`, items);
    expect(error).toBeNull();
    const expected = items.map((_, i) => (i % 3 === 0 ? 1 : i % 7 === 0 ? 0 : -1));
    expect(Array.from(votes)).toEqual(expected);
  });

  it('reports a vote outside -1..k-1, naming the item and the value, and keeps the votes before it', async () => {
    const { votes, error } = await runOnce(`(item) => item.id === 'a3' ? 7 : 1`, ITEMS, 2);
    expect(error).toEqual({
      itemId: 'a3',
      message: 'returned 7 on item a3; a vote must be an integer label in 0..1 or ABSTAIN (-1)',
    });
    expect(Array.from(votes)).toEqual([1, 1, -1, -1]);
  });

  it.each([
    [`(item) => 0.5`, 'returned 0.5 on item a1'],
    [`(item) => 'spam'`, 'returned "spam" on item a1'],
    [`(item) => { item.text.length }`, 'returned undefined (no return value) on item a1'],
    [`(item) => true`, 'returned true on item a1'],
    [`async (item) => 1`, 'returned a Promise (an LF must be synchronous) on item a1'],
    [`(item) => NaN`, 'returned NaN on item a1'],
  ])('refuses %s as a vote', async (source, message) => {
    const { error } = await runOnce(source, ITEMS);
    expect(error?.message).toContain(message);
  });

  it('reports what the LF threw, on which item', async () => {
    const { votes, error } = await runOnce(`(item) => { if (item.id === 'a2') throw new Error('no likes field'); return 0 }`, ITEMS);
    expect(error).toEqual({ itemId: 'a2', message: 'Error: no likes field on item a2' });
    expect(Array.from(votes)).toEqual([0, -1, -1, -1]);
  });

  it('hands the LF a frozen copy: mutating it fails inside the sandbox and the host item is unchanged', async () => {
    const items = [item('m1', 'hello', { tags: ['x'] })];
    const before = structuredClone(items);
    const source = `(item) => {
      try { item.text = 'changed'; return 0 } catch (e) {}
      try { item.metadata.tags.push('y'); return 0 } catch (e) {}
      return Object.isFrozen(item.metadata.tags) ? 1 : 0 }`;
    expect(Array.from((await runOnce(source, items)).votes)).toEqual([1]);
    expect(items).toEqual(before);
  });

  it('shows the LF only id, text and metadata, whatever else the caller’s item rows carry', async () => {
    const rows = [{ ...item('g1', 'has gold', { likes: 1 }), gold: [1], annotations: [[1]], prediction: [0.2, 0.8] }];
    const source = `(item) => Object.keys(item).sort().join() === 'id,metadata,text' && item.gold === undefined ? 0 : 1`;
    expect(Array.from((await runOnce(source, rows)).votes)).toEqual([0]);
  });

  it('gives each evaluation fresh globals, so votes do not depend on earlier batches', async () => {
    const lf = await compileCodeLf(`let seen = 0; (item) => (seen++ === 0 ? 1 : 0)`);
    const first = await lf.evaluate(ITEMS, 2);
    const second = await lf.evaluate(ITEMS, 2);
    lf.dispose();
    expect(Array.from(first.votes)).toEqual([1, 0, 0, 0]);
    expect(Array.from(second.votes)).toEqual([1, 0, 0, 0]);
  });

  it('names an item that cannot be passed as JSON', async () => {
    const { error } = await runOnce(`(item) => 0`, [item('big', 'x', { n: BigInt(1) })]);
    expect(error?.itemId).toBe('big');
    expect(error?.message).toContain('item big cannot be passed as JSON');
  });

  it('rejects items that cannot be sent to a worker, and stays usable', async () => {
    const lf = await compileCodeLf(`(item) => 0`);
    await expect(lf.evaluate([item('f', 'x', { callback: () => 1 })], 2)).rejects.toThrow(/could not be cloned/);
    expect(Array.from((await lf.evaluate(ITEMS, 2)).votes)).toEqual([0, 0, 0, 0]);
    lf.dispose();
  });

  it('returns no votes for no items', async () => {
    expect(await runOnce(`(item) => 0`, [])).toEqual({ votes: new Int8Array(0), error: null, evaluated: 0 });
  });
});

describe('code LF compile errors', () => {
  it('reports a syntax error with its line', async () => {
    const error = await compileError(`(item) => {\n  const t = item.text\n  return t.includes('a' ? 1 : 0\n}`);
    expect(error).toBeInstanceOf(CodeLfError);
    expect(error.code).toBe(CodeLfErrorCode.Syntax);
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/^SyntaxError: .* \(line 4\)$/);
  });

  it.each([
    ['42', CodeLfErrorCode.NotAFunction, 'it evaluated to number'],
    ['const x = 1;', CodeLfErrorCode.NotAFunction, 'declare `function lf(item)'],
    [`throw new Error('bad setup')`, CodeLfErrorCode.LoadFailed, 'Error: bad setup while loading the LF'],
    [`while (true) {}`, CodeLfErrorCode.LoadFailed, 'timed out after 50 ms while loading the LF'],
    [`undeclared = 1; (item) => 0`, CodeLfErrorCode.LoadFailed, 'ReferenceError'],
  ])('refuses %j', async (source, code, message) => {
    const error = await compileError(source);
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
  });

  it('validates limits, class count and the state of the handle', async () => {
    await expect(compileCodeLf('(item) => 0', { timeLimitMs: 0 })).rejects.toMatchObject({ code: CodeLfErrorCode.InvalidInput });
    await expect(compileCodeLf('x'.repeat(100_001))).rejects.toMatchObject({ code: CodeLfErrorCode.InvalidInput });
    const lf = await compileCodeLf('(item) => 0');
    await expect(lf.evaluate(ITEMS, 0)).rejects.toMatchObject({ code: CodeLfErrorCode.InvalidInput });
    await expect(lf.evaluate(ITEMS, 129)).rejects.toMatchObject({ code: CodeLfErrorCode.InvalidInput });
    lf.dispose();
    await expect(lf.evaluate(ITEMS, 2)).rejects.toMatchObject({ code: CodeLfErrorCode.Disposed });
  });

  it('rejects an evaluation in flight when the handle is disposed', async () => {
    const lf = await compileCodeLf('(item) => { for (;;) {} }', { timeLimitMs: 5_000 });
    const pending = lf.evaluate(ITEMS, 2);
    setTimeout(() => lf.dispose(), 100);
    await expect(pending).rejects.toMatchObject({ code: CodeLfErrorCode.Disposed });
  });
});
