// JSON Lines reader: one JSON object per line; a bad line is that row's error, the rest of the file still counts.
import { IngestFileError, IngestFileErrorCode } from './ingest-file.error';
import { MAX_RECORD_CHARS, type ReadResult } from './ingest.types';
import { describe, isPlainObject } from './json-shape';

export async function* readJsonl(text: AsyncIterable<string>): AsyncGenerator<ReadResult> {
  let partial = ''; // the current line so far, which may span several pieces
  let line = 1;
  for await (const piece of text) {
    let start = 0;
    for (let end = piece.indexOf('\n'); end !== -1; end = piece.indexOf('\n', start)) {
      const result = parseLine(partial + piece.slice(start, end), line++);
      if (result) yield result;
      partial = '';
      start = end + 1;
    }
    partial += piece.slice(start);
    if (partial.length > MAX_RECORD_CHARS) {
      const message = `line ${line} is longer than ${MAX_RECORD_CHARS} characters; is this a JSON Lines file?`;
      throw new IngestFileError(line, message, IngestFileErrorCode.RecordTooLarge);
    }
  }
  const last = parseLine(partial, line);
  if (last) yield last;
}

function parseLine(text: string, line: number): ReadResult | null {
  const body = text.endsWith('\r') ? text.slice(0, -1) : text;
  if (body.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return { line, error: `not valid JSON: ${(error as Error).message}` };
  }
  if (!isPlainObject(value)) return { line, error: `expected a JSON object, found ${describe(value)}` };
  return { line, fields: value };
}
