// Turns one source record into an item by the user's field mapping; a bad field becomes a RowError, never a throw.
import { FieldProblem, isBlank } from './field-problem';
import type { FieldMapping, LabelSpace, MapResult, SourceRecord } from './ingest.types';
import { describe } from './json-shape';
import { readEmbedding } from './map-embedding';
import { readGold, readPrediction } from './map-labels';
import { unstorable, unstorableString, utf8Length } from './storable-text';

export const MAX_TEXT_CHARS = 100_000;
export const MAX_EXTERNAL_ID_CHARS = 500;

export interface MapLimits {
  /** Bytes of an item's metadata as JSON (UTF-8); a row over it is a RowError naming its largest field. */
  maxMetadataBytes?: number;
  /** The length every embedding must have (the project's, or the first of the file's); any length when unset. */
  embeddingDim?: number;
}

export function mapRecord(record: SourceRecord, mapping: FieldMapping, labels: LabelSpace, limits: MapLimits = {}): MapResult {
  const get = (field: string | undefined) =>
    // hasOwn: a field named "__proto__" or "toString" must not read Object.prototype
    field !== undefined && Object.hasOwn(record.fields, field) ? record.fields[field] : undefined;
  // An optional property is read only when the mapping names a source field for it.
  const optional = <T>(field: string | undefined, read: (value: unknown, field: string) => T): T | null =>
    field === undefined ? null : read(get(field), field);
  const { line } = record;
  try {
    return {
      ok: true,
      item: {
        line,
        text: readText(get(mapping.text), mapping.text),
        externalId: optional(mapping.externalId, readExternalId),
        imageUrl: optional(mapping.imageUrl, readImageUrl),
        gold: optional(mapping.gold, (value, field) => readGold(value, labels, field)),
        prediction: optional(mapping.prediction, (value, field) => readPrediction(value, labels, field)),
        embedding: optional(mapping.embedding, (value, field) => readEmbedding(value, field, limits.embeddingDim)),
        metadata: readMetadata(record.fields, mapping, limits.maxMetadataBytes),
      },
    };
  } catch (error) {
    const problem = error instanceof FieldProblem;
    const message = problem ? error.message : `this row could not be read: ${String(error)}`;
    return { ok: false, error: problem ? { line, field: error.field, message } : { line, message } };
  }
}

function readText(value: unknown, field: string): string {
  if (isBlank(value)) throw new FieldProblem(field, 'text is required');
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') throw new FieldProblem(field, `text must be a string, found ${describe(value)}`);
  // Counted in characters (code points), as PostgreSQL does, not UTF-16 units.
  const length = text.length > MAX_TEXT_CHARS ? [...text].length : text.length;
  if (length > MAX_TEXT_CHARS) {
    throw new FieldProblem(field, `text is longer than ${MAX_TEXT_CHARS} characters (${length})`);
  }
  rejectUnstorable(text, field, 'text');
  return text;
}

function readExternalId(value: unknown, field: string): string | null {
  if (isBlank(value)) return null;
  const id = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof id !== 'string') {
    throw new FieldProblem(field, `externalId must be a string or a number, found ${describe(value)}`);
  }
  if (id.length > MAX_EXTERNAL_ID_CHARS) {
    throw new FieldProblem(field, `externalId is longer than ${MAX_EXTERNAL_ID_CHARS} characters (${id.length})`);
  }
  rejectUnstorable(id, field, 'externalId');
  return id;
}

function readImageUrl(value: unknown, field: string): string | null {
  if (isBlank(value)) return null;
  if (typeof value !== 'string') {
    throw new FieldProblem(field, `imageUrl must be a URL string, found ${describe(value)}`);
  }
  rejectUnstorable(value, field, 'imageUrl');
  const url = URL.canParse(value.trim()) ? new URL(value.trim()) : null;
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    const message = `imageUrl must be an absolute http:// or https:// URL, found ${JSON.stringify(value)}`;
    throw new FieldProblem(field, message);
  }
  return value.trim();
}

// Either exactly the listed fields, or everything the mapping did not already use.
function readMetadata(fields: Record<string, unknown>, mapping: FieldMapping, maxBytes?: number): Record<string, unknown> {
  const used = new Set([mapping.text, mapping.externalId, mapping.imageUrl, mapping.gold, mapping.prediction, mapping.embedding]);
  const names = mapping.metadata ?? Object.keys(fields).filter((name) => !used.has(name));
  const entries = names
    .filter((name) => Object.hasOwn(fields, name) && fields[name] !== undefined)
    .map((name): [string, unknown] => [name, fields[name]]);
  for (const [name, value] of entries) {
    const problem = unstorableString(name);
    if (problem) throw new FieldProblem(name, `metadata field name ${problem}`);
    rejectUnstorable(value, name, `metadata field "${name}"`);
  }
  const metadata = Object.fromEntries(entries);
  if (maxBytes !== undefined) checkMetadataSize(metadata, entries, maxBytes);
  return metadata;
}

// Measured as the JSON that is stored; the error names the largest field, the likeliest one to leave out.
function checkMetadataSize(metadata: Record<string, unknown>, entries: [string, unknown][], maxBytes: number): void {
  const total = utf8Length(JSON.stringify(metadata));
  if (total <= maxBytes) return;
  const sized = entries.map(([name, value]) => ({ name, bytes: utf8Length(JSON.stringify({ [name]: value })) - 2 }));
  const largest = sized.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  throw new FieldProblem(
    largest.name,
    `metadata is ${total} bytes as JSON, over the limit of ${maxBytes} bytes per item (largest field "${largest.name}": ${largest.bytes} bytes)`,
  );
}

/** PostgreSQL text and jsonb cannot hold U+0000 or a lone surrogate: reject the row here rather than fail the import. */
function rejectUnstorable(value: unknown, field: string, what: string): void {
  const problem = unstorable(value);
  if (problem) throw new FieldProblem(field, `${what} ${problem}`);
}
