// Global pipe, before validation: no string in a JSON body or query may hold a NUL or a lone UTF-16 surrogate.
// PostgreSQL cannot store either (text and jsonb refuse \u0000; a lone surrogate is not UTF-8), so without this
// they surfaced as a 500 after work had begun. The 400 names the field.
import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { unstorableString } from '@arbiter/domain/ingest';
import { invalid } from '@arbiter/server/application';

// The same rule imports apply to each row's text and metadata.
const unsafe = (s: string) => unstorableString(s) !== null;

/** The path of the first string (or object key) holding a NUL or a lone surrogate, or null. */
export function findUnsafeText(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return unsafe(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeText(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object' && !(value instanceof Uint8Array) && typeof (value as { pipe?: unknown }).pipe !== 'function') {
    for (const [k, v] of Object.entries(value)) {
      if (unsafe(k)) return [...path, k.replace(/\0/g, '\\0')];
      const found = findUnsafeText(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

@Injectable()
export class SafeTextPipe implements PipeTransform {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    if (meta.type !== 'body' && meta.type !== 'query' && meta.type !== 'param') return value;
    const path = findUnsafeText(value);
    if (path) {
      throw invalid(path.join('.') || `(${meta.type})`, 'must not contain NUL characters or unpaired UTF-16 surrogates');
    }
    return value;
  }
}
