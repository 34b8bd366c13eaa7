// An upload's body, read within limits: at most `maxBytes`, no pause between two pieces longer than `idleMs`, and
// nothing after `deadline` aborts. A slow or stalled client then fails its own import (its transaction is rolled
// back) instead of holding a database connection for as long as it likes.
import { ArbiterError, ErrorCode } from '../errors/arbiter.error';

export interface UploadBodyLimits {
  maxBytes: number;
  idleMs: number;
  /** Aborted when the whole upload has run out of time; its reason is thrown. */
  deadline: AbortSignal;
}

export const uploadTooLarge = (maxBytes: number) =>
  new ArbiterError(
    ErrorCode.UploadTooLarge,
    `the upload is larger than ${maxBytes} bytes (UPLOAD_MAX_BYTES); nothing was imported: split the file or raise the limit`,
  );

export const uploadTimedOut = (why: string) => new ArbiterError(ErrorCode.UploadTimeout, `${why}; nothing was imported`);

// The client went away mid-upload (its answer is usually never read, but it must not be logged as a server fault).
const uploadInterrupted = (err: unknown) =>
  err instanceof ArbiterError ? err : new ArbiterError(ErrorCode.BadFile, `the upload was interrupted (${(err as Error)?.message ?? err}); nothing was imported`);

/**
 * Yields the body's chunks while they stay within the limits, else throws UPLOAD_TOO_LARGE or UPLOAD_TIMEOUT.
 * Time the consumer spends on a chunk (writing rows to the database) is not counted as the client's pause.
 */
export async function* limitUploadBody(body: AsyncIterable<Uint8Array>, limits: UploadBodyLimits): AsyncGenerator<Uint8Array> {
  const it = body[Symbol.asyncIterator]();
  let bytes = 0;
  let finished = false;
  try {
    for (;;) {
      const next = await within(it.next(), limits);
      if (next.done) {
        finished = true;
        return;
      }
      bytes += next.value.length;
      if (bytes > limits.maxBytes) throw uploadTooLarge(limits.maxBytes);
      yield next.value;
    }
  } finally {
    // Not awaited: with a read still pending, a stream iterator's return() waits for it, and a stalled client
    // may never send it. The request stream ends when the connection closes after the error answer.
    if (!finished) it.return?.()?.catch(() => undefined);
  }
}

function within<T>(read: Promise<T>, { idleMs, deadline }: UploadBodyLimits): Promise<T> {
  if (deadline.aborted) {
    read.catch(() => undefined);
    return Promise.reject(deadline.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const settle = () => {
      clearTimeout(timer);
      deadline.removeEventListener('abort', onDeadline);
    };
    const onDeadline = () => {
      settle();
      reject(deadline.reason);
    };
    const timer = setTimeout(() => {
      settle();
      reject(uploadTimedOut(`no data arrived for ${idleMs} ms (UPLOAD_IDLE_TIMEOUT_MS)`));
    }, idleMs);
    deadline.addEventListener('abort', onDeadline, { once: true });
    read.then(
      (value) => {
        settle();
        resolve(value);
      },
      (err) => {
        settle();
        reject(uploadInterrupted(err));
      },
    );
  });
}
