// Turns an LF definition into a fast function over items: the definition is validated and its regex compiled
// once (for the linear-time engine), so evaluating a million items costs only the match itself.
import { ABSTAIN, type CompiledLf, type ComparisonOp, type LfDefinition, type LfItem, type ModelLf } from './lf-definitions';
import { countWords, splitWords } from './split-words';
import { compileLinearRegex } from './linear-regex';
import { validateLfDefinition } from './validate-lf-definition';

/** Validates `definition` (which may come from JSON) and returns `(item) => label | ABSTAIN`. */
export function compileLf(definition: LfDefinition): CompiledLf {
  const def = validateLfDefinition(definition);
  if (def.kind === 'model') return compileModelLf(def);
  const { label } = def;
  switch (def.kind) {
    case 'keyword': {
      const keywords = def.keywords.map((k) => k.toLowerCase());
      if (def.match === 'substring') {
        return (item) => {
          const text = item.text.toLowerCase();
          return keywords.some((k) => text.includes(k)) ? label : ABSTAIN;
        };
      }
      const wanted = new Set(keywords);
      return (item) => (splitWords(item.text.toLowerCase()).some((w) => wanted.has(w)) ? label : ABSTAIN);
    }
    case 'regex': {
      // Linear-time whatever the pattern (RE2); stateless between items.
      const regex = compileLinearRegex(def.pattern, def.flags);
      return (item) => (regex.test(item.text) ? label : ABSTAIN);
    }
    case 'threshold': {
      const { field, op, value } = def;
      return (item) => {
        const x = numericField(item.metadata, field);
        return x !== null && compare(x, op, value) ? label : ABSTAIN;
      };
    }
    case 'word-count': {
      const { op, value } = def;
      return (item) => (compare(countWords(item.text), op, value) ? label : ABSTAIN);
    }
  }
}

function compileModelLf({ modelVersion, minConfidence, label }: ModelLf): CompiledLf {
  return (item) => {
    const probs = item.predictions?.get(modelVersion);
    if (!probs || probs.length === 0) return ABSTAIN;
    // The most likely label, the lower index on a tie (as everywhere in Arbiter).
    let best = 0;
    for (let c = 1; c < probs.length; c++) if (probs[c] > probs[best]) best = c;
    if (!(probs[best] >= minConfidence)) return ABSTAIN;
    return label === undefined || label === best ? best : ABSTAIN;
  };
}

/** One-off evaluation; compile with `compileLf` when the same LF runs over many items. */
export function evaluateLf(definition: LfDefinition, item: LfItem): number {
  return compileLf(definition)(item);
}

// Items ingested from CSV carry every metadata value as a string, so a plain decimal string counts as a number.
const DECIMAL = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

function numericField(metadata: Record<string, unknown> | undefined, field: string): number | null {
  // hasOwn: a field named "constructor" or "__proto__" must not read Object.prototype.
  if (metadata === undefined || metadata === null || !Object.hasOwn(metadata, field)) return null;
  const raw = metadata[field];
  const x = typeof raw === 'number' ? raw : typeof raw === 'string' && DECIMAL.test(raw) ? Number(raw) : NaN;
  return Number.isFinite(x) ? x : null;
}

function compare(x: number, op: ComparisonOp, value: number): boolean {
  switch (op) {
    case '<':
      return x < value;
    case '<=':
      return x <= value;
    case '>':
      return x > value;
    case '>=':
      return x >= value;
    case '==':
      return x === value;
    case '!=':
      return x !== value;
  }
}
