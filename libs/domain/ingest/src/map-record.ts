// Turns one source record into an item by the user's field mapping; a bad field becomes a RowError, never a throw.
import { FieldProblem, isBlank } from './field-problem';
import type { FieldMapping, LabelSpace, MapResult, SourceRecord } from './ingest.types';
import { describe } from './json-shape';
import { readGold, readPrediction } from './map-labels';

export const MAX_TEXT_CHARS = 100_000;
export const MAX_EXTERNAL_ID_CHARS = 500;

export function mapRecord(record: SourceRecord, mapping: FieldMapping, labels: LabelSpace): MapResult {
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
        metadata: readMetadata(record.fields, mapping),
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
  rejectNul(text, field, 'text');
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
  rejectNul(id, field, 'externalId');
  return id;
}

function readImageUrl(value: unknown, field: string): string | null {
  if (isBlank(value)) return null;
  if (typeof value !== 'string') {
    throw new FieldProblem(field, `imageUrl must be a URL string, found ${describe(value)}`);
  }
  rejectNul(value, field, 'imageUrl');
  const url = URL.canParse(value.trim()) ? new URL(value.trim()) : null;
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    const message = `imageUrl must be an absolute http:// or https:// URL, found ${JSON.stringify(value)}`;
    throw new FieldProblem(field, message);
  }
  return value.trim();
}

// Either exactly the listed fields, or everything the mapping did not already use.
function readMetadata(fields: Record<string, unknown>, mapping: FieldMapping): Record<string, unknown> {
  const used = new Set([mapping.text, mapping.externalId, mapping.imageUrl, mapping.gold, mapping.prediction]);
  const names = mapping.metadata ?? Object.keys(fields).filter((name) => !used.has(name));
  const entries = names
    .filter((name) => Object.hasOwn(fields, name) && fields[name] !== undefined)
    .map((name): [string, unknown] => [name, fields[name]]);
  for (const [name, value] of entries) rejectNul(value, name, `metadata field "${name}"`);
  return Object.fromEntries(entries);
}

/** PostgreSQL text and jsonb cannot hold U+0000, so such a row would fail at insert time; reject it here instead. */
function rejectNul(value: unknown, field: string, what: string): void {
  if (containsNul(value)) {
    throw new FieldProblem(field, `${what} contains U+0000 (a NUL character), which PostgreSQL text cannot store`);
  }
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([key, inner]) => key.includes('\u0000') || containsNul(inner));
  }
  return false;
}
