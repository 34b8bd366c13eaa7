// Reads a regex LF's pattern, written in JavaScript syntax, and writes the same expression in RE2's syntax, so
// that a linear-time engine runs it: a user's pattern never reaches the backtracking RegExp engine. What RE2
// cannot do in linear time (backreferences, lookaround) is refused with a reason, as is anything JavaScript
// itself would reject. Every literal is written as a code point escape, so no JS-only meaning leaks through.

/** A pattern this module cannot translate; the message is shown to the engineer as is. */
export class RegexSyntaxError extends Error {
  constructor(
    message: string,
    /** Valid JavaScript that a linear-time engine cannot run (a backreference, a lookaround, a huge count). */
    readonly unsupported = false,
  ) {
    super(message);
  }
}

export interface RegexSyntaxOptions {
  /** JavaScript's `u` flag: strict escapes, `\u{…}` and `\p{…}`. Without it, Annex B's lenient syntax. */
  unicode: boolean;
  /** JavaScript's `s` flag: `.` matches line terminators too. */
  dotAll: boolean;
}

// JavaScript's \s: WhiteSpace and LineTerminator (RE2's \s is only [\t\n\f\r ]).
const SPACE_RANGES: [number, number][] = [
  [0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029],
  [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
];
const MAX_CODE_POINT = 0x10ffff;
const NOT_SPACE_RANGES = complement(SPACE_RANGES);
// JavaScript's `.` without s stops at every line terminator (RE2's only at \n).
const DOT = '[^\\x{a}\\x{d}\\x{2028}\\x{2029}]';
const ANY = '[\\x{0}-\\x{10ffff}]';
const NOTHING = '[^\\x{0}-\\x{10ffff}]';

// Long General_Category names JavaScript accepts; RE2 knows only the short ones.
const CATEGORY: Record<string, string> = {
  Letter: 'L', Cased_Letter: 'LC', Uppercase_Letter: 'Lu', Lowercase_Letter: 'Ll', Titlecase_Letter: 'Lt',
  Modifier_Letter: 'Lm', Other_Letter: 'Lo', Mark: 'M', Combining_Mark: 'M', Nonspacing_Mark: 'Mn',
  Spacing_Mark: 'Mc', Enclosing_Mark: 'Me', Number: 'N', Decimal_Number: 'Nd', digit: 'Nd', Letter_Number: 'Nl',
  Other_Number: 'No', Punctuation: 'P', punct: 'P', Connector_Punctuation: 'Pc', Dash_Punctuation: 'Pd',
  Open_Punctuation: 'Ps', Close_Punctuation: 'Pe', Initial_Punctuation: 'Pi', Final_Punctuation: 'Pf',
  Other_Punctuation: 'Po', Symbol: 'S', Math_Symbol: 'Sm', Currency_Symbol: 'Sc', Modifier_Symbol: 'Sk',
  Other_Symbol: 'So', Separator: 'Z', Space_Separator: 'Zs', Line_Separator: 'Zl', Paragraph_Separator: 'Zp',
  Other: 'C', Control: 'Cc', cntrl: 'Cc', Format: 'Cf', Surrogate: 'Cs', Private_Use: 'Co', Unassigned: 'Cn',
};

const SYNTAX_CHARS = '^$\\.*+?()[]{}|/';
const GROUP_NAME = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

type ClassAtom = { kind: 'char'; cp: number } | { kind: 'set'; re2: string };

export function toRe2Syntax(pattern: string, options: RegexSyntaxOptions): string {
  return new Translator(pattern, options).translate();
}

class Translator {
  private i = 0;
  private readonly names = new Set<string>();
  private readonly hasNamedGroups: boolean;

  constructor(
    private readonly src: string,
    private readonly opts: RegexSyntaxOptions,
  ) {
    this.hasNamedGroups = /\(\?<(?![=!])/.test(src);
  }

  translate(): string {
    const out = this.disjunction();
    if (this.i < this.src.length) throw new RegexSyntaxError(`unmatched ")" at position ${this.i + 1}`);
    return out;
  }

  private disjunction(): string {
    const alternatives = [this.alternative()];
    while (this.peek() === '|') {
      this.i++;
      alternatives.push(this.alternative());
    }
    return alternatives.join('|');
  }

  private alternative(): string {
    let out = '';
    while (this.i < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const start = this.i;
      const term = this.term();
      if (term.assertion) {
        if (this.atQuantifier()) throw new RegexSyntaxError(`nothing to repeat at position ${this.i + 1}: ${this.src.slice(start, this.i)} is an assertion`);
        out += term.re2;
      } else {
        out += term.re2 + this.quantifier();
      }
    }
    return out;
  }

  private term(): { re2: string; assertion: boolean } {
    const ch = this.peek();
    switch (ch) {
      case '^':
      case '$':
        this.i++;
        return { re2: ch, assertion: true };
      case '.':
        this.i++;
        return { re2: this.opts.dotAll ? ANY : DOT, assertion: false };
      case '(':
        return { re2: this.group(), assertion: false };
      case '[':
        return { re2: this.characterClass(), assertion: false };
      case '\\':
        return this.atomEscape();
      case '*':
      case '+':
      case '?':
        throw new RegexSyntaxError(`nothing to repeat at position ${this.i + 1}`);
      case '{':
        if (this.opts.unicode || this.bracedQuantifierAt(this.i)) throw new RegexSyntaxError(`nothing to repeat at position ${this.i + 1}`);
        this.i++;
        return { re2: literal(0x7b), assertion: false };
      case '}':
      case ']':
        if (this.opts.unicode) throw new RegexSyntaxError(`lone "${ch}" at position ${this.i + 1}; escape it as \\${ch}`);
        this.i++;
        return { re2: literal(ch.charCodeAt(0)), assertion: false };
      default:
        return { re2: literal(this.codePoint()), assertion: false };
    }
  }

  private group(): string {
    const open = this.i;
    this.i++;
    if (this.src.startsWith('?', this.i)) {
      const rest = this.src.slice(this.i + 1);
      if (rest.startsWith('=') || rest.startsWith('!')) {
        throw new RegexSyntaxError(`a lookahead ${this.src.slice(open, this.i + 2)}…) at position ${open + 1}`, true);
      }
      if (rest.startsWith('<=') || rest.startsWith('<!')) {
        throw new RegexSyntaxError(`a lookbehind ${this.src.slice(open, this.i + 3)}…) at position ${open + 1}`, true);
      }
      if (rest.startsWith(':')) {
        this.i += 2;
      } else if (rest.startsWith('<')) {
        const end = this.src.indexOf('>', this.i);
        const name = end < 0 ? '' : this.src.slice(this.i + 2, end);
        if (!GROUP_NAME.test(name)) throw new RegexSyntaxError(`invalid group name at position ${open + 1}`);
        if (this.names.has(name)) throw new RegexSyntaxError(`duplicate group name "${name}"`);
        this.names.add(name);
        this.i = end + 1;
      } else {
        throw new RegexSyntaxError(`invalid group "(?${rest.slice(0, 1)}" at position ${open + 1}`);
      }
    }
    // Captures mean nothing to a yes/no match (backreferences are refused), so every group is non-capturing.
    const inner = this.disjunction();
    if (this.peek() !== ')') throw new RegexSyntaxError(`unterminated group opened at position ${open + 1}`);
    this.i++;
    return `(?:${inner})`;
  }

  private quantifier(): string {
    const ch = this.peek();
    let q: string;
    if (ch === '*' || ch === '+' || ch === '?') {
      this.i++;
      q = ch;
    } else if (ch === '{' && this.bracedQuantifierAt(this.i)) {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i)) as RegExpExecArray;
      this.i += m[0].length;
      const min = Number(m[1]);
      const max = m[3] === undefined || m[3] === '' ? null : Number(m[3]);
      if (max !== null && max < min) throw new RegexSyntaxError(`numbers out of order in ${m[0]}`);
      if (min > 1000 || (max ?? 0) > 1000) throw new RegexSyntaxError(`a repeat count above 1000 (${m[0]})`, true);
      q = m[0];
    } else {
      return '';
    }
    if (this.peek() === '?') {
      this.i++;
      q += '?';
    }
    if (this.atQuantifier()) throw new RegexSyntaxError(`nothing to repeat at position ${this.i + 1}`);
    return q;
  }

  private atQuantifier(): boolean {
    const ch = this.peek();
    return ch === '*' || ch === '+' || ch === '?' || (ch === '{' && (this.opts.unicode || this.bracedQuantifierAt(this.i)));
  }

  private bracedQuantifierAt(at: number): boolean {
    return /^\{\d+(,\d*)?\}/.test(this.src.slice(at, at + 24));
  }

  private atomEscape(): { re2: string; assertion: boolean } {
    const at = this.i;
    this.i++;
    const ch = this.peek();
    if (ch === '') throw new RegexSyntaxError('the pattern ends with a lone "\\"');
    if (ch === 'b' || ch === 'B') {
      this.i++;
      return { re2: `\\${ch}`, assertion: true };
    }
    if (/[1-9]/.test(ch)) {
      throw new RegexSyntaxError(`a backreference \\${ch} at position ${at + 1}`, true);
    }
    if (ch === 'k' && (this.opts.unicode || this.hasNamedGroups)) {
      throw new RegexSyntaxError(`a backreference \\k at position ${at + 1}`, true);
    }
    const atom = this.characterEscape(at, false);
    return { re2: atom.kind === 'set' ? (atom.re2.startsWith('[') ? atom.re2 : `[${atom.re2}]`) : literal(atom.cp), assertion: false };
  }

  /** After a backslash (at `at`): one character, or a set such as \d or \p{L}. */
  private characterEscape(at: number, inClass: boolean): ClassAtom {
    const ch = this.peek();
    this.i++;
    switch (ch) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        return { kind: 'set', re2: `\\${ch}` };
      case 's':
        return { kind: 'set', re2: ranges(SPACE_RANGES) };
      case 'S':
        return { kind: 'set', re2: ranges(NOT_SPACE_RANGES) };
      case 't':
        return char(0x09);
      case 'n':
        return char(0x0a);
      case 'v':
        return char(0x0b);
      case 'f':
        return char(0x0c);
      case 'r':
        return char(0x0d);
      case '0':
        if (/[0-9]/.test(this.peek())) throw new RegexSyntaxError(`an octal escape at position ${at + 1} (write \\x01 instead)`, true);
        return char(0);
      case 'x': {
        const hex = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.i));
        if (hex) {
          this.i += 2;
          return char(parseInt(hex[0], 16));
        }
        return this.identity('x', at);
      }
      case 'u':
        return this.unicodeEscape(at);
      case 'c': {
        const letter = this.peek();
        if (/[a-zA-Z]/.test(letter) || (inClass && !this.opts.unicode && /[0-9_]/.test(letter))) {
          this.i++;
          return char(letter.charCodeAt(0) % 32);
        }
        if (this.opts.unicode) throw new RegexSyntaxError(`invalid escape \\c at position ${at + 1}`);
        // Annex B: a backslash that escapes nothing is itself; the "c" is read next.
        this.i--;
        return char(0x5c);
      }
      case 'p':
      case 'P':
        if (!this.opts.unicode) return char(ch.charCodeAt(0));
        return { kind: 'set', re2: this.property(ch, at) };
      default: {
        this.i--;
        const cp = this.codePoint();
        if (inClass && ch === '-' && this.opts.unicode) return char(cp);
        return this.identity(String.fromCodePoint(cp), at, cp);
      }
    }
  }

  private identity(text: string, at: number, cp = text.codePointAt(0) as number): ClassAtom {
    if (this.opts.unicode && !SYNTAX_CHARS.includes(text)) throw new RegexSyntaxError(`invalid escape \\${text} at position ${at + 1}`);
    return char(cp);
  }

  private unicodeEscape(at: number): ClassAtom {
    const rest = this.src.slice(this.i);
    if (this.opts.unicode) {
      const braced = /^\{([0-9a-fA-F]+)\}/.exec(rest);
      if (braced) {
        const cp = parseInt(braced[1], 16);
        if (cp > MAX_CODE_POINT) throw new RegexSyntaxError(`\\u{${braced[1]}} at position ${at + 1} is beyond the last code point`);
        this.i += braced[0].length;
        return char(checkScalar(cp, at));
      }
    }
    const four = /^[0-9a-fA-F]{4}/.exec(rest);
    if (!four) return this.identity('u', at);
    this.i += 4;
    const unit = parseInt(four[0], 16);
    const low = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(this.src.slice(this.i));
    if (unit >= 0xd800 && unit <= 0xdbff && low) {
      this.i += 6;
      return char(0x10000 + ((unit - 0xd800) << 10) + (parseInt(low[1], 16) - 0xdc00));
    }
    return char(checkScalar(unit, at));
  }

  private property(ch: string, at: number): string {
    const m = /^\{([A-Za-z_]+)(?:=([A-Za-z0-9_]+))?\}/.exec(this.src.slice(this.i));
    if (!m) throw new RegexSyntaxError(`invalid property escape \\${ch} at position ${at + 1}`);
    this.i += m[0].length;
    const [, key, value] = m;
    let name = key;
    if (value !== undefined) {
      if (key === 'General_Category' || key === 'gc') name = CATEGORY[value] ?? value;
      else if (key === 'Script' || key === 'sc') name = value;
      else throw new RegexSyntaxError(`the property \\${ch}{${key}=${value}}`, true);
    } else {
      name = CATEGORY[key] ?? key;
    }
    return `\\${ch}{${name}}`;
  }

  private characterClass(): string {
    const open = this.i;
    this.i++;
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.i++;
    }
    let body = '';
    let empty = true;
    while (this.peek() !== ']') {
      if (this.i >= this.src.length) throw new RegexSyntaxError(`unterminated character class opened at position ${open + 1}`);
      const from = this.classAtom();
      if (this.peek() === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        this.i++;
        const to = this.classAtom();
        if (from.kind === 'char' && to.kind === 'char') {
          if (from.cp > to.cp) throw new RegexSyntaxError(`range out of order in character class at position ${open + 1}`);
          body += `${hex(from.cp)}-${hex(to.cp)}`;
        } else {
          if (this.opts.unicode) throw new RegexSyntaxError(`invalid character class range at position ${open + 1}`);
          body += classPart(from) + hex(0x2d) + classPart(to);
        }
      } else {
        body += classPart(from);
      }
      empty = false;
    }
    this.i++;
    if (empty) return negated ? ANY : NOTHING;
    return `[${negated ? '^' : ''}${body}]`;
  }

  private classAtom(): ClassAtom {
    if (this.peek() !== '\\') return char(this.codePoint());
    const at = this.i;
    this.i++;
    const ch = this.peek();
    if (ch === '') throw new RegexSyntaxError('the pattern ends with a lone "\\"');
    if (ch === 'b') {
      this.i++;
      return char(0x08);
    }
    if (ch === 'B' && !this.opts.unicode) {
      this.i++;
      return char(0x42);
    }
    if (/[1-9]/.test(ch)) {
      throw new RegexSyntaxError(`an octal escape \\${ch} in a character class at position ${at + 1} (write \\x01 instead)`, true);
    }
    return this.characterEscape(at, true);
  }

  private peek(): string {
    return this.src[this.i] ?? '';
  }

  /** The next character as a code point (a surrogate pair is one). */
  private codePoint(): number {
    const cp = this.src.codePointAt(this.i) as number;
    this.i += cp > 0xffff ? 2 : 1;
    return checkScalar(cp, this.i - 1);
  }
}

function checkScalar(cp: number, at: number): number {
  if (cp >= 0xd800 && cp <= 0xdfff) {
    throw new RegexSyntaxError(`a lone surrogate U+${cp.toString(16).toUpperCase()} at position ${at + 1}`, true);
  }
  return cp;
}

const char = (cp: number): ClassAtom => ({ kind: 'char', cp });
const hex = (cp: number) => `\\x{${cp.toString(16)}}`;

/** ASCII letters and digits as themselves, everything else as a code point escape RE2 reads literally. */
function literal(cp: number): string {
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x20 ? String.fromCharCode(cp) : hex(cp);
}

function classPart(atom: ClassAtom): string {
  return atom.kind === 'char' ? hex(atom.cp) : atom.re2;
}

function ranges(list: [number, number][]): string {
  return list.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('');
}

function complement(list: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let next = 0;
  for (const [a, b] of list) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}
