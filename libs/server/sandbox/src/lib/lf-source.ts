// The two forms a code LF's source may take. As a script it may declare `function lf(item)` with helpers, or
// end in an expression statement (`(item) => ...`); failing that it is parsed as one expression, which
// admits an anonymous `function (item) { ... }`. Both are only compiled here, never run.
import type { QuickJSContext } from 'quickjs-emscripten';
import { CodeLfError, CodeLfErrorCode } from './code-lf.error';
import { LF_FILE } from './lf-harness';
import { readThrown, type Thrown } from './read-thrown';

function syntaxError(context: QuickJSContext, code: string): Thrown | null {
  const result = context.evalCode(code, LF_FILE, { type: 'global', strict: true, compileOnly: true });
  if (!result.error) {
    result.value.dispose();
    return null;
  }
  return result.error.consume((error) => readThrown(context, error));
}

/** The code to evaluate for `source`; throws CODE_LF_SYNTAX with the script form's error and line. */
export function parseableForm(context: QuickJSContext, source: string): string {
  const asScript = syntaxError(context, source);
  if (!asScript) return source;
  // The parenthesis opens on line 1, so line numbers stay the source's own.
  const expression = `(${source}\n)`;
  if (!syntaxError(context, expression)) return expression;
  const where = asScript.line === undefined ? '' : ` (line ${asScript.line})`;
  throw new CodeLfError(CodeLfErrorCode.Syntax, `${asScript.text}${where}`, asScript.line);
}
