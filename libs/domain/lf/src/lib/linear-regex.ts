// Regex LFs run on RE2 (re2js, a pure-JavaScript port): matching takes time linear in the text whatever the
// pattern, so `^(a+)+$` over a long line costs microseconds, not the minutes a backtracking engine spends.
// Patterns are written in JavaScript syntax with JavaScript flags; regex-syntax.ts translates them.
import { RE2JS, RE2JSException } from 're2js';
import { LfDefinitionError, LfDefinitionErrorCode as Code } from './lf-definition.error';
import { RegexSyntaxError, toRe2Syntax } from './regex-syntax';

/** The flags a regex LF may use. g and y would make a match stateful; d only adds indices nobody reads. */
export const REGEX_FLAGS = 'imsu';

/** A compiled regex LF pattern: whether it occurs anywhere in a text. */
export interface LinearRegex {
  test(text: string): boolean;
}

/**
 * Compiles a JavaScript-syntax pattern for the linear-time engine, or throws LfDefinitionError naming `flags`
 * or `pattern` with the reason (a backreference, a lookaround, a repeat count above 1000, bad syntax).
 */
export function compileLinearRegex(pattern: unknown, flags: unknown = ''): LinearRegex {
  const f = checkFlags(flags);
  if (typeof pattern !== 'string') throw new LfDefinitionError(Code.InvalidRegexPattern, 'pattern', 'pattern must be a string');
  let re2: string;
  try {
    re2 = toRe2Syntax(pattern, { unicode: f.includes('u'), dotAll: f.includes('s') });
  } catch (error) {
    if (!(error instanceof RegexSyntaxError)) throw error;
    const message = error.unsupported
      ? `pattern uses ${error.message}, which the linear-time regex engine (RE2) does not support`
      : `pattern is not a valid regular expression: ${error.message}`;
    throw new LfDefinitionError(Code.InvalidRegexPattern, 'pattern', message);
  }
  const engineFlags = (f.includes('i') ? RE2JS.CASE_INSENSITIVE : 0) | (f.includes('m') ? RE2JS.MULTILINE : 0);
  try {
    return RE2JS.compile(re2, engineFlags);
  } catch (error) {
    if (!(error instanceof RE2JSException)) throw error;
    throw new LfDefinitionError(Code.InvalidRegexPattern, 'pattern', `pattern is not supported by the linear-time regex engine (RE2): ${engineReason(error.message)}`);
  }
}

function checkFlags(flags: unknown): string {
  if (typeof flags !== 'string') throw new LfDefinitionError(Code.InvalidRegexFlags, 'flags', 'flags must be a string');
  for (const [i, flag] of [...flags].entries()) {
    if (flag === 'v') {
      throw new LfDefinitionError(Code.InvalidRegexFlags, 'flags', 'flag "v" (set notation) is not supported by the linear-time regex engine; use "u"');
    }
    if (!REGEX_FLAGS.includes(flag)) {
      throw new LfDefinitionError(Code.InvalidRegexFlags, 'flags', `flag "${flag}" is not allowed; use any of "${REGEX_FLAGS}"`);
    }
    if (flags.indexOf(flag) !== i) throw new LfDefinitionError(Code.InvalidRegexFlags, 'flags', `flag "${flag}" is repeated`);
  }
  return flags;
}

// RE2's messages quote the translated pattern, which the engineer never wrote; keep only what went wrong.
function engineReason(message: string): string {
  const what = message.replace(/^error parsing regexp: /, '').replace(/: `.*`$/s, '');
  if (what === 'invalid repeat count') return 'nested repeat counts multiply to more than 1000';
  if (what.startsWith('invalid character class range')) return 'an unknown Unicode property';
  return what;
}
