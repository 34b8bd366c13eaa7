// limitUploadBody: the size limit, a client's pause, the whole upload's deadline and a broken connection each end
// the read with their own error; time the consumer spends on a chunk is not the client's pause. Fake timers.
import { ArbiterError } from '../errors/arbiter.error';
import { limitUploadBody } from './upload-body';

const bytes = (n: number) => new Uint8Array(n);

/** A body the test feeds: `push` a chunk, `end` it, or `fail` it; reads wait until something is there. */
function feed() {
  const queue: IteratorResult<Uint8Array>[] = [];
  let waiter: ((r: IteratorResult<Uint8Array>) => void) | null = null;
  let failWith: ((e: Error) => void) | null = null;
  const give = (r: IteratorResult<Uint8Array>) => (waiter ? (waiter(r), (waiter = null)) : queue.push(r));
  const body: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: () =>
        queue.length
          ? Promise.resolve(queue.shift() as IteratorResult<Uint8Array>)
          : new Promise((resolve, reject) => ((waiter = resolve), (failWith = reject))),
      return: async () => ({ done: true, value: undefined }),
    }),
  };
  return {
    body,
    push: (n: number) => give({ done: false, value: bytes(n) }),
    end: () => give({ done: true, value: undefined }),
    fail: (e: Error) => failWith?.(e),
  };
}

const codeOf = (err: unknown) => (err instanceof ArbiterError ? err.code : String(err));

describe('limitUploadBody', () => {
  beforeEach(() => jest.useFakeTimers(), 10_000);
  afterEach(() => jest.useRealTimers(), 10_000);

  const limits = (deadline = new AbortController().signal) => ({ maxBytes: 100, idleMs: 1000, deadline });

  it('passes every chunk through while the upload stays within its limits', async () => {
    const f = feed();
    const it = limitUploadBody(f.body, limits())[Symbol.asyncIterator]();
    f.push(60);
    expect((await it.next()).value).toHaveLength(60);
    f.push(40);
    expect((await it.next()).value).toHaveLength(40);
    f.end();
    expect(await it.next()).toEqual({ done: true, value: undefined });
  });

  it('refuses the chunk that takes the upload past maxBytes', async () => {
    const f = feed();
    const it = limitUploadBody(f.body, limits())[Symbol.asyncIterator]();
    f.push(100);
    await it.next();
    f.push(1);
    const err = await it.next().catch((e) => e);
    expect(codeOf(err)).toBe('UPLOAD_TOO_LARGE');
    expect(err.message).toContain('larger than 100 bytes (UPLOAD_MAX_BYTES)');
  });

  it('times out when the client sends nothing for idleMs', async () => {
    const f = feed();
    const it = limitUploadBody(f.body, limits())[Symbol.asyncIterator]();
    f.push(1);
    await it.next();
    const read = it.next().catch((e) => e);
    await jest.advanceTimersByTimeAsync(999);
    f.push(1); // just in time
    expect((await read).value).toHaveLength(1);
    const stalled = it.next().catch((e) => e);
    await jest.advanceTimersByTimeAsync(1000);
    const err = await stalled;
    expect(codeOf(err)).toBe('UPLOAD_TIMEOUT');
    expect(err.message).toBe('no data arrived for 1000 ms (UPLOAD_IDLE_TIMEOUT_MS); nothing was imported');
  });

  it('does not count the time the consumer spends on a chunk as a pause', async () => {
    const f = feed();
    const it = limitUploadBody(f.body, limits())[Symbol.asyncIterator]();
    f.push(1);
    await it.next();
    f.push(1); // arrives while the consumer is busy
    await jest.advanceTimersByTimeAsync(5000);
    expect((await it.next()).value).toHaveLength(1);
  });

  it('ends with the deadline reason when the whole upload runs out of time', async () => {
    const deadline = new AbortController();
    const f = feed();
    const it = limitUploadBody(f.body, limits(deadline.signal))[Symbol.asyncIterator]();
    const read = it.next().catch((e) => e);
    const reason = new Error('the upload took too long');
    deadline.abort(reason);
    expect(await read).toBe(reason);
  });

  it('turns a broken connection into a 4xx error rather than a server fault', async () => {
    const f = feed();
    const it = limitUploadBody(f.body, limits())[Symbol.asyncIterator]();
    const read = it.next().catch((e) => e);
    f.fail(new Error('aborted'));
    const err = await read;
    expect(codeOf(err)).toBe('BAD_FILE');
    expect(err.message).toBe('the upload was interrupted (aborted); nothing was imported');
  });
});
