// Splits a snapshot's JSONL bytes into lines without decoding a character cut between two chunks.
/** Complete lines from a byte stream, a chunk's worth at a time (JSON text holds no raw newline). */
export async function* jsonLines(source: AsyncIterable<Buffer | string>): AsyncGenerator<string[]> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const end = buf.lastIndexOf(10);
    if (end < 0) {
      rest = Buffer.concat([rest, buf]);
      continue;
    }
    // Decoded only up to the last newline: a character split between chunks waits whole in `rest`.
    const text = (rest.length ? Buffer.concat([rest, buf.subarray(0, end)]) : buf.subarray(0, end)).toString('utf8');
    rest = Buffer.from(buf.subarray(end + 1));
    yield text.split('\n');
  }
  if (rest.length) throw new Error('snapshot rows ended in the middle of a line');
}
