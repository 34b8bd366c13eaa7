// Public API of the ingest domain: reading uploaded item files (CSV, JSON Lines, JSON) and mapping rows to items.
export { IngestFileError, IngestFileErrorCode } from './ingest-file.error';
export type {
  FieldMapping,
  IngestFormat,
  LabelSpace,
  MapResult,
  MappedItem,
  ReadRecordsOptions,
  ReadResult,
  RecordReadError,
  RowError,
  SourceRecord,
} from './ingest.types';
export { MAX_RECORD_CHARS } from './ingest.types';
export { readRecords } from './read-records';
export { mapRecord } from './map-record';
export type { MapLimits } from './map-record';
export { MAX_EMBEDDING_DIM } from './map-embedding';
export { unstorable, unstorableString } from './storable-text';
