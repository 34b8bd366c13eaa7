// A pool shares warm threads between code LFs: each LF still gets its own votes, one LF's runaway loop or
// catastrophic regex does not spoil the others, disposing an LF leaves the pool's threads to the rest, one
// tenant's long evaluation yields the thread to another tenant, and a deadline stops a batch between items.
import { SandboxPool } from './sandbox-pool';
import { item, ITEMS } from './code-lf.testing';

jest.setTimeout(30_000);

describe('SandboxPool', () => {
  let pool: SandboxPool;
  beforeEach(() => (pool = new SandboxPool(1)));
  afterEach(() => pool.dispose());

  it('evaluates different LFs on one thread, concurrently called, each with its own votes', async () => {
    const [links, music] = await Promise.all([
      pool.compile(`(item) => item.text.includes('http') ? 1 : ABSTAIN`),
      pool.compile(`(item) => item.metadata.tags ? 0 : ABSTAIN`),
    ]);
    const [a, b] = await Promise.all([links.evaluate(ITEMS, 2), music.evaluate(ITEMS, 2)]);
    expect([Array.from(a.votes), Array.from(b.votes)]).toEqual([
      [1, -1, -1, -1],
      [-1, 0, -1, -1],
    ]);
    links.dispose();
    music.dispose();
  });

  it('keeps serving other LFs after one loops forever or hangs in a regex and is stopped', async () => {
    const loop = await pool.compile(`(item) => { for (;;) {} }`, { timeLimitMs: 50 });
    const regex = await pool.compile(`(item) => /^(a+)+$/.test('a'.repeat(40) + 'b') ? 1 : 0`, { timeLimitMs: 50 });
    const good = await pool.compile(`(item) => item.text.length > 10 ? 1 : 0`);
    const [l, r, g] = await Promise.all([loop.evaluate(ITEMS, 2), regex.evaluate(ITEMS, 2), good.evaluate(ITEMS, 2)]);
    expect(l.error).toMatchObject({ itemId: 'a1', message: expect.stringContaining('a1') });
    expect(r.error).toMatchObject({ itemId: 'a1' });
    expect(g).toEqual({ votes: Int8Array.from([1, 0, 1, 0]), error: null, evaluated: 4 });
    // The thread killed for the regex is replaced: the good LF still evaluates.
    expect((await good.evaluate(ITEMS, 2)).error).toBeNull();
    for (const lf of [loop, regex, good]) lf.dispose();
  });

  it('leaves the thread to the other LFs when one LF is disposed', async () => {
    const first = await pool.compile(`(item) => 1`);
    const second = await pool.compile(`(item) => 0`);
    first.dispose();
    await expect(first.evaluate(ITEMS, 2)).rejects.toMatchObject({ code: 'CODE_LF_DISPOSED' });
    expect(Array.from((await second.evaluate(ITEMS, 2)).votes)).toEqual([0, 0, 0, 0]);
    second.dispose();
  });

  // About 10 ms of busy work per item: 300 items hold a thread for about 3 s.
  const SLOW = `(item) => { const until = Date.now() + 10; while (Date.now() < until) {} return item.id.endsWith('7') ? 1 : ABSTAIN; }`;
  const many = (n: number) => Array.from({ length: n }, (_, i) => item(`s${i}`, `text ${i}`));
  const slowVotes = (n: number) => Array.from({ length: n }, (_, i) => (String(i).endsWith('7') ? 1 : -1));

  it("answers another tenant's evaluation while one tenant's long evaluation holds the only thread", async () => {
    const slow = await pool.compile(SLOW, {}, 'project-a');
    const quick = await pool.compile(`(item) => item.text.includes('http') ? 1 : ABSTAIN`, {}, 'project-b');
    const finished: string[] = [];
    const a = slow.evaluate(many(300), 2).then((r) => (finished.push('a'), r));
    // B is queued behind A, which started first on the pool's single thread.
    const b = quick.evaluate(ITEMS, 2).then((r) => (finished.push('b'), r));
    const [ra, rb] = await Promise.all([a, b]);
    // Without preemption B would have waited for all of A's items.
    expect(finished).toEqual(['b', 'a']);
    expect(rb).toEqual({ votes: Int8Array.from([1, -1, -1, -1]), error: null, evaluated: 4 });
    // A yielded and resumed in pieces, and still has every vote, exactly.
    expect({ error: ra.error, evaluated: ra.evaluated, votes: Array.from(ra.votes) }).toEqual({ error: null, evaluated: 300, votes: slowVotes(300) });
    slow.dispose();
    quick.dispose();
  });

  it("takes turns between one tenant's own evaluations, so neither spends the other's deadline waiting", async () => {
    const [first, second] = await Promise.all([pool.compile(SLOW, {}, 'project-a'), pool.compile(SLOW, {}, 'project-a')]);
    const deadline = Date.now() + 1500;
    const [r1, r2] = await Promise.all([first.evaluate(many(300), 2, { deadline }), second.evaluate(many(300), 2, { deadline })]);
    // One after the other, the second would start only once the first had used the time up, and evaluate nothing.
    expect([r1.error, r2.error]).toEqual([null, null]);
    expect(Math.min(r1.evaluated, r2.evaluated)).toBeGreaterThan(0);
    expect(Array.from(r2.votes.subarray(0, r2.evaluated))).toEqual(slowVotes(r2.evaluated));
    first.dispose();
    second.dispose();
  });

  it('stops a batch between two items at its deadline, keeping the votes before it', async () => {
    const slow = await pool.compile(SLOW, {}, 'project-a');
    const result = await slow.evaluate(many(300), 2, { deadline: Date.now() + 500 });
    expect(result.error).toBeNull();
    expect(result.evaluated).toBeGreaterThan(0);
    expect(result.evaluated).toBeLessThan(300);
    expect(Array.from(result.votes)).toEqual([...slowVotes(result.evaluated), ...new Array(300 - result.evaluated).fill(-1)]);
    slow.dispose();
  });

  it('warms every thread up and refuses a bad size', async () => {
    const two = new SandboxPool(2);
    await expect(two.warmUp(10)).resolves.toBeUndefined();
    two.dispose();
    expect(() => new SandboxPool(0)).toThrow(/pool size/);
  });
});
