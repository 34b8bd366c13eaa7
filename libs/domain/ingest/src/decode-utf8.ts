// Strict, streaming UTF-8 decoding of uploaded bytes: one bad byte rejects the file, naming the line it is on.
import { IngestFileError, IngestFileErrorCode } from './ingest-file.error';

const LF = 0x0a;

/** Number of '\n' in a string (or in bytes, where 0x0A never occurs inside a multi-byte sequence). */
export function countNewlines(text: string | Uint8Array, end = text.length): number {
  let n = 0;
  if (typeof text === 'string') {
    for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  } else {
    for (let i = 0; i < end; i++) if (text[i] === LF) n++;
  }
  return n;
}

/**
 * Yields decoded text piece by piece. A character split across chunks is completed by the next chunk (`stream: true`);
 * the decoder's default `ignoreBOM: false` drops one U+FEFF at the very start of the file and keeps any later one.
 */
export async function* decodeUtf8(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let tail = new Uint8Array(0);
  for await (const chunk of chunks) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw invalidUtf8(line + countNewlines(chunk, firstInvalidByte(tail, chunk)));
    }
    line += countNewlines(text);
    // The last 3 bytes are enough to replay a character left incomplete at the chunk's end.
    // Copied, not viewed: a Buffer's slice() is a view and the source may reuse its memory.
    tail = chunk.length >= 3 ? Uint8Array.from(chunk.subarray(chunk.length - 3)) : concat(tail, chunk).slice(-3);
    if (text) yield text;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw invalidUtf8(line); // the file ends in the middle of a character
  }
  if (rest) yield rest;
}

function invalidUtf8(line: number): IngestFileError {
  return new IngestFileError(
    line,
    `invalid UTF-8 on line ${line}: save the file with UTF-8 encoding and upload it again`,
    IngestFileErrorCode.InvalidUtf8,
  );
}

// Only runs once the streaming decoder has rejected the chunk: replays it byte by byte to find where.
function firstInvalidByte(tail: Uint8Array, chunk: Uint8Array): number {
  const probe = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let start = 0;
  while (start < tail.length && (tail[start] & 0xc0) === 0x80) start++; // drop continuations of a finished character
  try {
    probe.decode(tail.subarray(start), { stream: true });
  } catch {
    return 0;
  }
  for (let i = 0; i < chunk.length; i++) {
    try {
      probe.decode(chunk.subarray(i, i + 1), { stream: true });
    } catch {
      return i;
    }
  }
  return chunk.length;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
