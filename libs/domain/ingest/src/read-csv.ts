// CSV reader: the first row is the header; each later row becomes a record keyed by header names.
import { CsvError, parse } from 'csv-parse';
import { IngestFileError, IngestFileErrorCode } from './ingest-file.error';
import { MAX_RECORD_CHARS, type ReadResult } from './ingest.types';
import { endThrough, pushThrough, quiet, type PushResult } from './push-through';

interface RawRow {
  record: string[];
  raw: string;
}

const LINE_BREAK = /\r\n|\r|\n/g;
const LEADING_BREAKS = /^(?:\r\n|\r|\n)*/;

export async function* readCsv(
  text: AsyncIterable<string>,
  requiredColumns: string[] = [],
): AsyncGenerator<ReadResult> {
  const parser = quiet(
    parse({
      // `raw` gives each row's source text, from which we count physical lines ourselves: csv-parse only knows
      // the line where a row ends, and counts a quoted "\r\n" as two lines.
      raw: true,
      relax_column_count: true, // a short or long row is that row's problem, not the file's
      relax_quotes: true, // a quote inside an unquoted field is data, as in Excel and Python's csv
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'], // mixed line endings (auto-detection locks onto the first one)
      max_record_size: MAX_RECORD_CHARS,
    }),
  );
  let header: string[] | null = null;
  let nextLine = 1; // line where the next row (or the blank lines before it) starts

  function* take({ out, error }: PushResult<RawRow>): Generator<ReadResult> {
    for (const { record, raw } of out) {
      const line = nextLine + countBreaks(raw.match(LEADING_BREAKS)?.[0] ?? '');
      nextLine += countBreaks(raw);
      if (header === null) {
        header = checkHeader(record, requiredColumns);
      } else if (record.length !== header.length) {
        yield { line, error: `expected ${header.length} columns, found ${record.length}` };
      } else {
        yield { line, fields: Object.fromEntries(header.map((name, i) => [name, record[i]])) };
      }
    }
    if (error) throw fileError(error, nextLine);
  }

  try {
    for await (const piece of text) yield* take(pushThrough(parser, piece));
    yield* take(endThrough(parser));
    if (header === null) throw new IngestFileError(1, 'the file is empty: expected a header row');
  } finally {
    parser.destroy();
  }
}

function checkHeader(names: string[], required: string[]): string[] {
  for (const column of required) {
    if (!names.includes(column)) {
      const message = `column "${column}" not found; the header has: ${names.join(', ')}`;
      throw new IngestFileError(1, message, IngestFileErrorCode.MissingColumn);
    }
  }
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) throw new IngestFileError(1, `column "${twice}" appears twice in the header`);
  return names;
}

function fileError(error: Error, line: number): IngestFileError {
  const code = error instanceof CsvError ? error.code : undefined;
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return new IngestFileError(line, `unterminated quoted field starting on line ${line}: a closing " is missing`);
  }
  if (code === 'CSV_MAX_RECORD_SIZE') {
    const message = `the row starting on line ${line} is over ${MAX_RECORD_CHARS} characters; is a closing " missing?`;
    return new IngestFileError(line, message, IngestFileErrorCode.RecordTooLarge);
  }
  return new IngestFileError(line, `not valid CSV near line ${line}: ${error.message}`);
}

function countBreaks(text: string): number {
  return text.match(LINE_BREAK)?.length ?? 0;
}
