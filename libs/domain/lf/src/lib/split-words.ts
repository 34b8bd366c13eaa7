// Word splitting exactly as Python's `str.split()` with no argument: runs of the characters `str.isspace()`
// accepts (bidirectional class WS, B or S, or category Zs). JavaScript's `\s` differs: it also matches U+FEFF,
// which ends many YouTube comments, and does not match U+001C..U+001F or U+0085.

const PYTHON_SPACE_CLASS = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PYTHON_SPACE_RUN = new RegExp(`[${PYTHON_SPACE_CLASS}]+`);

/** True when Python's `chr(code).isspace()` is true. */
export function isPythonSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Python's `text.split()`: no empty words, whatever the leading or trailing whitespace. */
export function splitWords(text: string): string[] {
  return text.split(PYTHON_SPACE_RUN).filter((word) => word !== '');
}

/** `len(text.split())` without building the words (every Python space is one UTF-16 unit). */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isPythonSpace(text.charCodeAt(i));
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}
