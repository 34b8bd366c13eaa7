// Whole-file ingest failures: raised when a file cannot be trusted at all, so none of it may be imported.

export enum IngestFileErrorCode {
  InvalidUtf8 = 'INVALID_UTF8',
  MalformedFile = 'MALFORMED_FILE',
  MissingColumn = 'MISSING_COLUMN',
  RecordTooLarge = 'RECORD_TOO_LARGE',
}

/**
 * The whole file cannot be read (invalid UTF-8, malformed JSON structure, unterminated CSV quote, missing header
 * column): nothing of it may be imported. `line` is 1-based.
 */
export class IngestFileError extends Error {
  constructor(
    readonly line: number,
    message: string,
    readonly code: IngestFileErrorCode = IngestFileErrorCode.MalformedFile,
  ) {
    super(message);
    this.name = 'IngestFileError';
  }
}
