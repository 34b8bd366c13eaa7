// What PostgreSQL can store: text and jsonb reject U+0000, and a lone UTF-16 surrogate (from a JSON escape such
// as "\ud800") has no UTF-8 form, so jsonb rejects it and text would silently turn it into U+FFFD.

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why the string cannot be stored, or null when it can. */
export function unstorableString(s: string): string | null {
  if (s.includes('\u0000')) return 'contains U+0000 (a NUL character), which PostgreSQL text cannot store';
  const lone = LONE_SURROGATE.exec(s);
  if (lone) {
    const unit = lone[0].charCodeAt(0).toString(16).toUpperCase();
    return `contains a lone surrogate (U+${unit}, e.g. a "\\u${unit.toLowerCase()}" escape without its pair), which is not valid Unicode`;
  }
  return null;
}

/** The first problem in a string, or anywhere inside an array or object (keys included); null when storable. */
export function unstorable(value: unknown): string | null {
  if (typeof value === 'string') return unstorableString(value);
  if (Array.isArray(value)) {
    for (const inner of value) {
      const problem = unstorable(inner);
      if (problem) return problem;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      const problem = unstorableString(key) ?? unstorable(inner);
      if (problem) return problem;
    }
  }
  return null;
}

/** UTF-8 length of a string, counted without encoding it. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
