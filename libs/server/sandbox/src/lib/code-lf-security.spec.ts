// The sandbox refusing and surviving hostile LFs, with the host untouched: no way out to Node, limits that
// hold (time, memory, stack, an uninterruptible regex), the host's event loop free throughout.
import { CodeLfErrorCode } from './code-lf.error';
import { compileCodeLf } from './code-lf.sandbox';
import { ITEMS, MIB, item, runOnce } from './code-lf.testing';
import type { CodeLfOptions } from './code-lf.types';

jest.setTimeout(30_000);

// Every own property of the sandbox's global object must be an ECMAScript built-in (or ABSTAIN).
const ECMASCRIPT_GLOBALS = new Set(
  `Object Function Error EvalError RangeError ReferenceError SyntaxError TypeError URIError InternalError
  AggregateError Array parseInt parseFloat isNaN isFinite decodeURI decodeURIComponent encodeURI
  encodeURIComponent escape unescape Infinity NaN undefined Number Boolean String Math Reflect Symbol eval
  globalThis Date RegExp JSON Proxy Map Set WeakMap WeakSet WeakRef FinalizationRegistry ArrayBuffer
  SharedArrayBuffer Atomics Uint8ClampedArray Int8Array Uint8Array Int16Array Uint16Array Int32Array Uint32Array
  BigInt64Array BigUint64Array Float32Array Float64Array DataView Promise BigInt ABSTAIN`.split(/\s+/),
);

const errorOf = async (source: string, options: CodeLfOptions = {}) =>
  (await runOnce(source, ITEMS.slice(0, 1), 2, options)).error?.message;

describe('code LF sandbox: no way out to the host', () => {
  it('has no require', async () => {
    expect(await errorOf(`(item) => require('fs').readFileSync('/etc/passwd').length`)).toBe(
      "ReferenceError: 'require' is not defined on item a1",
    );
  });

  it('has no process, not even through the Function constructor', async () => {
    expect(await errorOf(`(item) => process.exit(1)`)).toBe("ReferenceError: 'process' is not defined on item a1");
    expect(await errorOf(`(item) => this.constructor.constructor('return process')().pid`)).toBe(
      "ReferenceError: 'process' is not defined on item a1",
    );
    const escape = `(item) => { const g = item.constructor.constructor('return this')(); return typeof g.process === 'undefined' ? 0 : 1 }`;
    expect(Array.from((await runOnce(escape, ITEMS)).votes)).toEqual([0, 0, 0, 0]);
  });

  it('exposes only ECMAScript built-ins on globalThis', async () => {
    const allowed = JSON.stringify([...ECMASCRIPT_GLOBALS]);
    const source = `(item) => {
      const others = Object.getOwnPropertyNames(globalThis).filter((name) => !${allowed}.includes(name));
      if (others.length > 0) throw new Error('unexpected globals: ' + others.join(' '));
      return ['require', 'process', 'module', 'exports', 'Buffer', 'fetch', 'setTimeout', 'WebAssembly', 'console']
        .every((name) => typeof globalThis[name] === 'undefined') ? 1 : 0 }`;
    expect(await runOnce(source, ITEMS.slice(0, 1))).toEqual({ votes: new Int8Array([1]), error: null, evaluated: 1 });
  });

  it('cannot import modules', async () => {
    await expect(compileCodeLf(`import fs from 'fs'; (item) => 0`)).rejects.toMatchObject({ code: CodeLfErrorCode.Syntax });
    // import() only yields a promise, and promise jobs never run in the sandbox: an LF is synchronous.
    expect(await errorOf(`(item) => import('fs')`)).toContain('returned a Promise (an LF must be synchronous) on item a1');
  });
});

describe('code LF sandbox: limits', () => {
  it('times out an infinite loop per item, and the next LF still works', async () => {
    const { votes, error } = await runOnce(`(item) => { if (item.id === 'a2') for (;;) {} return 1 }`, ITEMS);
    expect(error).toEqual({ itemId: 'a2', message: 'timed out after 50 ms on item a2' });
    expect(Array.from(votes)).toEqual([1, -1, -1, -1]);
    expect(Array.from((await runOnce(`(item) => 0`, ITEMS)).votes)).toEqual([0, 0, 0, 0]);
  });

  it('keeps the host event loop running while an LF spins', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const { error } = await runOnce(`(item) => { for (;;) {} }`, ITEMS, 2, { timeLimitMs: 1_000 });
    clearInterval(timer);
    expect(error?.message).toBe('timed out after 1000 ms on item a1');
    expect(ticks).toBeGreaterThan(10);
  });

  it('stops a catastrophic regex, which QuickJS cannot interrupt, and the same LF evaluates again', async () => {
    const lf = await compileCodeLf(`(item) => /^(a+)+$/.test(item.text) ? 1 : 0`);
    const evil = [item('ok', 'aaaa'), item('redos', `${'a'.repeat(40)}b`), item('after', 'aa')];
    const { votes, error } = await lf.evaluate(evil, 2);
    expect(error).toEqual({ itemId: 'redos', message: 'timed out after 50 ms on item redos' });
    expect(Array.from(votes)).toEqual([1, -1, -1]);
    expect(Array.from((await lf.evaluate([item('x', 'aa'), item('y', 'b')], 2)).votes)).toEqual([1, 0]);
    lf.dispose();
  });

  it('stops a memory bomb at the limit, with the host memory bounded', async () => {
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    // A generous time limit, so that memory runs out before time does.
    const bomb = `(item) => { let a = []; while (1) a.push(new Array(1e6).fill(1)) }`;
    const { error } = await runOnce(bomb, ITEMS, 2, { timeLimitMs: 20_000 });
    clearInterval(sampler);
    expect(error).toEqual({ itemId: 'a1', message: 'ran out of memory (limit 32 MiB) on item a1' });
    expect(peak - before).toBeLessThan(200 * MIB);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * MIB);
  });

  it('honours a smaller memory limit', async () => {
    const hog = `(item) => { const s = []; for (let i = 0; i < 24; i++) s.push('x'.repeat(1 << 20) + i); return 1 }`;
    expect((await runOnce(hog, ITEMS, 2, { timeLimitMs: 5_000 })).error).toBeNull();
    const { error } = await runOnce(hog, ITEMS, 2, { timeLimitMs: 5_000, memoryLimitBytes: 8 * MIB });
    expect(error?.message).toBe('ran out of memory (limit 8 MiB) on item a1');
  });

  it('stops runaway recursion, in JavaScript and in native code', async () => {
    expect(await errorOf(`function f(n) { return f(n + 1) + 1 }\n(item) => f(0)`)).toBe(
      'ran out of stack (too deep a recursion) on item a1',
    );
    // Array.prototype.join recursing in C; the time limit is wide so that only the stack can stop it.
    const nested = `(item) => { let a = []; for (let i = 0; i < 1e4; i++) a = [a]; return String(a).length }`;
    expect(await errorOf(nested, { timeLimitMs: 5_000 })).toBe('ran out of stack (too deep a recursion) on item a1');
  });

  it('isolates LFs: one LF cannot see or change another one’s globals or built-ins', async () => {
    const polluter = await compileCodeLf(
      `globalThis.shared = 1; Array.prototype.includes = () => true; JSON.parse = () => ({}); (item) => 0`,
    );
    const reader = await compileCodeLf(`(item) => typeof shared === 'undefined' && ![].includes(1) ? 1 : 0`);
    expect((await polluter.evaluate(ITEMS, 2)).error).toBeNull();
    expect(Array.from((await reader.evaluate(ITEMS, 2)).votes)).toEqual([1, 1, 1, 1]);
    polluter.dispose();
    reader.dispose();
  });
});
