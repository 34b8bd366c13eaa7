// JavaScript that runs inside QuickJS, before the LF's own code. It defines ABSTAIN and returns the pieces
// the host calls: `bind(lf)` makes a runner that parses one item's JSON, deep-freezes it and calls the LF.
// Everything it uses is captured here, before the LF can replace JSON.parse or Object.freeze; the runner is
// held only by the host, so the LF cannot reach or re-enter it.

export const HARNESS_FILE = 'harness.js';
export const LF_FILE = 'lf.js';

export const HARNESS_SOURCE = `
'use strict';
Object.defineProperty(globalThis, 'ABSTAIN', { value: -1, writable: false, enumerable: false, configurable: false });
(() => {
  const parse = JSON.parse, quote = JSON.stringify, freeze = Object.freeze, keys = Object.keys;
  const isArray = Array.isArray, toText = String, PromiseCtor = Promise;
  const deepFreeze = (value) => {
    freeze(value);
    if (isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child = value[i];
        if (typeof child === 'object' && child !== null) deepFreeze(child);
      }
      return value;
    }
    const names = keys(value);
    for (let i = 0; i < names.length; i++) {
      const child = value[names[i]];
      if (typeof child === 'object' && child !== null) deepFreeze(child);
    }
    return value;
  };
  const describe = (v) => {
    switch (typeof v) {
      case 'string': return quote(v.length > 40 ? v.slice(0, 40) + '...' : v);
      case 'undefined': return 'undefined (no return value)';
      case 'boolean': return toText(v);
      case 'bigint': return toText(v) + 'n';
      case 'symbol': return 'a symbol';
      case 'function': return 'a function';
      default:
        if (v === null) return 'null';
        if (v instanceof PromiseCtor) return 'a Promise (an LF must be synchronous)';
        return isArray(v) ? 'an array' : 'an object';
    }
  };
  let lastBad = 'NaN';
  return {
    bind: (lf) => (json) => {
      const vote = lf(deepFreeze(parse(json)));
      if (typeof vote === 'number') return vote;
      lastBad = describe(vote);
      return NaN;
    },
    // What the last non-number vote was; a NaN the LF returned itself reads as NaN.
    takeLastBad: () => { const text = lastBad; lastBad = 'NaN'; return text; },
  };
})()
`;

/** Evaluated after a declaration-style source, whose completion value is not the function. */
export const FIND_DECLARED_LF = `typeof lf === 'function' ? lf : undefined`;

export const NOT_A_FUNCTION_HINT =
  'the source must be a function expression such as `(item) => ABSTAIN` or declare `function lf(item) { ... }`';
