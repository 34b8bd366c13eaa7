// Entry point from raw upload bytes to records: strict UTF-8 decoding, then the reader for the file's format.
import { decodeUtf8 } from './decode-utf8';
import type { IngestFormat, ReadRecordsOptions, ReadResult } from './ingest.types';
import { readCsv } from './read-csv';
import { readJson } from './read-json';
import { readJsonl } from './read-jsonl';

/**
 * Streams records out of raw byte chunks; yields either a record or a per-row error. Throws IngestFileError for
 * whole-file problems. Nothing is read ahead of the consumer, so a slow consumer slows the upload, not memory.
 */
export async function* readRecords(
  format: IngestFormat,
  chunks: AsyncIterable<Uint8Array>,
  opts: ReadRecordsOptions = {},
): AsyncGenerator<ReadResult> {
  const text = decodeUtf8(chunks);
  switch (format) {
    case 'csv':
      return yield* readCsv(text, opts.requiredColumns);
    case 'jsonl':
      return yield* readJsonl(text);
    case 'json':
      return yield* readJson(text);
    default:
      throw new Error(`unknown ingest format: ${String(format)}`);
  }
}
