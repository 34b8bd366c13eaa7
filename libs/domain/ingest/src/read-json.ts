// JSON reader: a top-level array of objects, streamed element by element with stream-json.
import Parser from 'stream-json/Parser';
import StreamArray from 'stream-json/streamers/StreamArray';
import { IngestFileError, IngestFileErrorCode } from './ingest-file.error';
import { MAX_RECORD_CHARS, type ReadResult } from './ingest.types';
import { describe, isPlainObject } from './json-shape';
import { endThrough, pushThrough, quiet } from './push-through';

interface Token {
  name: string;
  value?: unknown;
}

// Tokens that begin a value; packed stringValue/numberValue follow their start token, so they are not starts.
const VALUE_START = new Set([
  'startObject',
  'startArray',
  'startString',
  'startNumber',
  'nullValue',
  'trueValue',
  'falseValue',
]);

// What the top level was, when it is not an array (StreamArray only sees the first token).
const KIND: Record<string, string> = {
  startObject: 'an object',
  startString: 'a string',
  startNumber: 'a number',
  nullValue: 'null',
  trueValue: 'true',
  falseValue: 'false',
};

export async function* readJson(text: AsyncIterable<string>): AsyncGenerator<ReadResult> {
  const parser = quiet(new Parser());
  const elements = quiet(new StreamArray());
  let line = 1; // line of the piece being parsed
  let contentLine = 1; // last line with something besides whitespace, where an unfinished document ends
  let depth = 0;
  let elementLine = 1;
  let elementChars = 0;

  // stream-json reports no positions, so the text is fed one physical line (or less) at a time: every token
  // comes out of the write that holds its first character, whose line we know.
  function* feed(piece: string | null): Generator<ReadResult> {
    const { out, error } = piece === null ? endThrough<Token>(parser) : pushThrough<Token>(parser, piece);
    for (const token of out) {
      if (depth === 1 && VALUE_START.has(token.name)) [elementLine, elementChars] = [line, 0];
      if (token.name === 'startObject' || token.name === 'startArray') depth++;
      if (token.name === 'endObject' || token.name === 'endArray') depth--;
      const done = pushThrough<{ key: number; value: unknown }>(elements, token);
      if (done.error) {
        const found = KIND[token.name] ?? 'something else';
        throw new IngestFileError(line, `expected a JSON array of objects, found ${found}`);
      }
      for (const { value } of done.out) {
        yield isPlainObject(value)
          ? { line: elementLine, fields: value }
          : { line: elementLine, error: `expected a JSON object, found ${describe(value)}` };
      }
    }
    if (error) {
      // Caveat: stream-json looks up to 16 characters ahead before rejecting a bare word (`tru`, `'x'`), so such an
      // error can surface a line or two after the bad token.
      const at = piece === null ? contentLine : line;
      throw new IngestFileError(at, `not valid JSON on line ${at}: ${explain(error.message, piece === null)}`);
    }
    if (piece !== null && /\S/.test(piece)) contentLine = line;
    if (piece !== null && depth > 1 && (elementChars += piece.length) > MAX_RECORD_CHARS) {
      const message = `the element starting on line ${elementLine} is longer than ${MAX_RECORD_CHARS} characters`;
      throw new IngestFileError(elementLine, message, IngestFileErrorCode.RecordTooLarge);
    }
  }

  try {
    for await (const chunk of text) {
      let start = 0;
      for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', start)) {
        yield* feed(chunk.slice(start, end + 1));
        line++;
        start = end + 1;
      }
      if (start < chunk.length) yield* feed(chunk.slice(start));
    }
    yield* feed(null);
  } finally {
    parser.destroy();
    elements.destroy();
  }
}

// stream-json words its errors for developers ("Parser cannot parse input: expected ','"); keep the useful part.
function explain(message: string, atEnd: boolean): string {
  const detail = message.replace(/^Parser (cannot parse input: |has )/, '');
  return atEnd ? `the file ends early (${detail})` : detail;
}
