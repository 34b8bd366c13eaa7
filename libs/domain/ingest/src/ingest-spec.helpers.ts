// Test helpers: feed text to the readers as byte chunks of a chosen size and collect what comes out.

export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Splits bytes into chunks of `size` (1 = byte by byte, so every multi-byte character straddles a boundary). */
export async function* chunked(data: Uint8Array | string, size = Number.MAX_SAFE_INTEGER): AsyncGenerator<Uint8Array> {
  const all = typeof data === 'string' ? bytes(data) : data;
  for (let i = 0; i < all.length; i += size) yield all.subarray(i, i + size);
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Resolves to the error the iteration fails with (or fails the test if it does not). */
export async function failure(items: AsyncIterable<unknown>): Promise<unknown> {
  try {
    await collect(items);
  } catch (error) {
    return error;
  }
  throw new Error('expected the read to fail');
}

export const SIZES = [1, 2, 3, 7, 64, Number.MAX_SAFE_INTEGER];
