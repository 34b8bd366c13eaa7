// Drives a parser stream (csv-parse, stream-json) one input piece at a time and collects what that piece produced.
// Both libraries parse synchronously inside write(), so the reader knows which input line each output came from;
// reading everything back after each write keeps the stream's buffers empty, so memory stays bounded.
import type { Transform } from 'node:stream';

export interface PushResult<T> {
  out: T[];
  error: Error | null;
}

export function pushThrough<T>(stream: Transform, piece: unknown): PushResult<T> {
  stream.write(piece);
  return drain<T>(stream);
}

export function endThrough<T>(stream: Transform): PushResult<T> {
  stream.end(); // runs the parser's flush synchronously (Node >= 15), which reports an unfinished document
  return drain<T>(stream);
}

/** Makes a stream report failures through `errored` instead of an 'error' event nobody listens to. */
export function quiet<S extends Transform>(stream: S): S {
  stream.on('error', () => undefined);
  return stream;
}

function drain<T>(stream: Transform): PushResult<T> {
  const out: T[] = [];
  // Outputs pushed before a failure stay readable, so the caller can still place the error after them.
  for (let item = stream.read(); item !== null; item = stream.read()) out.push(item as T);
  return { out, error: stream.errored };
}
