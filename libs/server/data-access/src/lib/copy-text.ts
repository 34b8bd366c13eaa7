// Encodes values for PostgreSQL's COPY text format (tab-separated, \N for null, backslash escapes).
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function copyField(v: string | null): string {
  return v === null ? '\\N' : v.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]);
}

/** A PostgreSQL array literal of numbers, e.g. {1,2} or {0.25,0.75}. */
export function numberArray(xs: number[] | null): string | null {
  return xs === null ? null : `{${xs.join(',')}}`;
}

export function copyRow(fields: (string | null)[]): string {
  return fields.map(copyField).join('\t') + '\n';
}
