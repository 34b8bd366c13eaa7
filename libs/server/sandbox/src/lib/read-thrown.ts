// Turns what QuickJS threw into words, touching the sandbox as little as possible: after an out-of-memory
// even a small allocation may fail, so each step is guarded and the caller falls back on "out of memory".
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten';

const MAX_TEXT = 300;

export interface Thrown {
  /** `TypeError: boom`, or `threw 42` for a value that is not an Error. */
  text: string;
  message?: string;
  /** 1-based line, which QuickJS gives for syntax errors. */
  line?: number;
}

const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}...` : text);

function prop(context: QuickJSContext, handle: QuickJSHandle, key: string): string | number | undefined {
  return context.getProp(handle, key).consume((value) => {
    const type = context.typeof(value);
    if (type === 'string') return context.getString(value);
    return type === 'number' ? context.getNumber(value) : undefined;
  });
}

/** Reads `error` without disposing it. */
export function readThrown(context: QuickJSContext, error: QuickJSHandle): Thrown {
  const type = context.typeof(error);
  if (type !== 'object') {
    const value = type === 'string' || type === 'number' || type === 'boolean' ? context.dump(error) : type;
    return { text: `threw ${clip(String(value))}` };
  }
  const name = prop(context, error, 'name');
  const message = prop(context, error, 'message');
  const line = prop(context, error, 'lineNumber');
  if (typeof message !== 'string') return { text: 'threw an object that is not an Error' };
  return {
    text: clip(`${typeof name === 'string' ? name : 'Error'}: ${message}`),
    message,
    line: typeof line === 'number' ? line : undefined,
  };
}
