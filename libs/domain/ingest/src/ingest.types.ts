// Plain data shapes shared by the readers (bytes → records) and the mapper (record → item).

export type IngestFormat = 'csv' | 'jsonl' | 'json';

/** One record as found in the file; `line` is the 1-based physical line where it starts. */
export interface SourceRecord {
  line: number;
  fields: Record<string, unknown>;
}

/** A row the reader could not turn into a record; the rest of the file is still usable. */
export interface RecordReadError {
  line: number;
  error: string;
}

export type ReadResult = SourceRecord | RecordReadError;

export interface ReadRecordsOptions {
  /** CSV only: header columns that must exist, else the whole file is rejected. */
  requiredColumns?: string[];
}

export interface RowError {
  line: number;
  field?: string;
  message: string;
}

/** Names the source field feeding each item property. */
export interface FieldMapping {
  text: string;
  externalId?: string;
  imageUrl?: string;
  gold?: string;
  prediction?: string;
  embedding?: string;
  metadata?: string[];
}

export interface LabelSpace {
  names: string[];
  multi: boolean;
}

export interface MappedItem {
  line: number;
  externalId: string | null;
  text: string;
  imageUrl: string | null;
  metadata: Record<string, unknown>;
  gold: number[] | null;
  prediction: number[] | null;
  /** A client-supplied vector, float4 values. */
  embedding: number[] | null;
}

export type MapResult = { ok: true; item: MappedItem } | { ok: false; error: RowError };

/** Caps one record's size so a stray quote or a missing newline cannot make a reader buffer the whole file. */
export const MAX_RECORD_CHARS = 8 * 1024 * 1024;
