// Many compile/evaluate/dispose cycles leave nothing behind, and no path leaks a QuickJS handle (the debug
// build of quickjs-emscripten aborts when a runtime is freed with a handle still alive). Out-of-memory is
// not among the debug cases: that build's LeakSanitizer aborts instead of failing the allocation.
import { compileCodeLf } from './code-lf.sandbox';
import { ITEMS, MIB, runOnce } from './code-lf.testing';

// About 0.35 s a cycle here; generous for a loaded CI machine.
jest.setTimeout(300_000);

async function cycle(i: number): Promise<void> {
  const lf = await compileCodeLf(`const seen = []; function lf(item) { seen.push(item.text.repeat(100)); return ${i % 2}; }`);
  const { votes, error } = await lf.evaluate(ITEMS, 2);
  lf.dispose();
  if (error || votes.some((vote) => vote !== i % 2)) throw new Error(`cycle ${i}: ${error?.message ?? votes}`);
}

describe('code LF sandbox resources', () => {
  // A leaked instance would keep at least its first megabyte of WebAssembly memory: over 120 cycles, well past
  // the 64 MiB allowed for allocator noise.
  it('runs 120 compile/evaluate/dispose cycles with little RSS growth', async () => {
    for (let i = 0; i < 20; i++) await cycle(i); // warm-up: allocator and code caches settle
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 120; i++) await cycle(i);
    const growth = process.memoryUsage().rss - before;
    expect(growth).toBeLessThan(64 * MIB);
  });

  it.each([
    ['a correct LF', `(item) => item.text.length > 9 ? 1 : 0`, null],
    ['a throw', `(item) => { throw new RangeError('nope') }`, 'RangeError: nope on item a1'],
    ['a bad vote', `(item) => ({ label: 1 })`, 'returned an object on item a1'],
    ['an infinite loop', `(item) => { for (;;) {} }`, 'timed out after 1000 ms on item a1'],
    ['a deep recursion', `function f(n) { return f(n + 1) + 1 } (item) => f(0)`, 'ran out of stack'],
  ])('frees every handle after %s (debug build)', async (_case, source, message) => {
    const { error } = await runOnce(source, ITEMS, 2, { debugBuild: true, timeLimitMs: 1000 });
    if (message === null) expect(error).toBeNull();
    else expect(error?.message).toContain(message);
  });
});
