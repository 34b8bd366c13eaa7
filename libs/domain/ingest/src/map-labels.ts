// Reads gold labels and model predictions given by label name or 0-based index into label ids and probability vectors.
import { FieldProblem, isBlank } from './field-problem';
import type { LabelSpace } from './ingest.types';
import { describe, isPlainObject } from './json-shape';

const SUM_TOLERANCE = 1e-3;

/** Sorted unique label ids, or null when no gold label is given. */
export function readGold(value: unknown, labels: LabelSpace, field: string): number[] | null {
  if (isBlank(value)) return null;
  if (!labels.multi) return [readSingleGold(value, labels.names, field)];
  const given = Array.isArray(value) ? value : typeof value === 'string' ? splitLabels(value, field) : [value];
  const ids = given.map((label) => resolveLabel(label, labels.names, field));
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** One probability per label, in label order, or null when no prediction is given. */
export function readPrediction(value: unknown, labels: LabelSpace, field: string): number[] | null {
  if (isBlank(value)) return null;
  const { names } = labels;
  const parsed = typeof value === 'string' ? parseJson(value, field, 'prediction') : value;
  let probs: unknown[];
  if (Array.isArray(parsed)) {
    if (parsed.length !== names.length) {
      const message = `prediction must have ${names.length} probabilities (one per label), found ${parsed.length}`;
      throw new FieldProblem(field, message);
    }
    probs = parsed;
  } else if (isPlainObject(parsed)) {
    probs = names.map(() => 0); // labels left out get probability 0
    const seen = new Set<number>();
    for (const [label, p] of Object.entries(parsed)) {
      const id = resolveLabel(label, names, field);
      if (seen.has(id)) throw new FieldProblem(field, `prediction gives label "${names[id]}" twice`);
      seen.add(id);
      probs[id] = p;
    }
  } else {
    const expected = `an object {label: probability} or an array of ${names.length} probabilities`;
    throw new FieldProblem(field, `prediction must be ${expected}, found ${describe(parsed)}`);
  }
  probs.forEach((p, id) => {
    if (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 1) {
      const found = typeof p === 'number' ? String(p) : JSON.stringify(p);
      throw new FieldProblem(field, `probability of "${names[id]}" must be a number between 0 and 1, found ${found}`);
    }
  });
  const sum = (probs as number[]).reduce((a, b) => a + b, 0);
  if (!labels.multi && Math.abs(sum - 1) > SUM_TOLERANCE) {
    throw new FieldProblem(field, `prediction probabilities must add up to 1 for single-label data, found ${sum}`);
  }
  return probs as number[];
}

/** A label by exact name, then by name ignoring case, then by integer index. */
export function resolveLabel(label: unknown, names: string[], field: string): number {
  if (typeof label === 'number' && Number.isInteger(label) && label >= 0 && label < names.length) return label;
  if (typeof label === 'string') {
    const given = label.trim();
    const exact = names.indexOf(given);
    if (exact !== -1) return exact;
    const folded = names.flatMap((name, id) => (name.toLowerCase() === given.toLowerCase() ? [id] : []));
    if (folded.length === 1) return folded[0];
    if (folded.length > 1) {
      const which = folded.map((id) => names[id]).join(', ');
      throw new FieldProblem(field, `label "${given}" is ambiguous ignoring case (${which}); use the exact name`);
    }
    if (/^\d+$/.test(given) && Number(given) < names.length) return Number(given);
  }
  const valid = names.length === 0 ? 'none are defined' : `${names.join(', ')} (or 0-${names.length - 1})`;
  throw new FieldProblem(field, `unknown label ${JSON.stringify(label)}; valid labels: ${valid}`);
}

function readSingleGold(value: unknown, names: string[], field: string): number {
  if (Array.isArray(value)) {
    if (value.length !== 1) throw new FieldProblem(field, `expected exactly one gold label, found ${value.length}`);
    return resolveLabel(value[0], names, field);
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new FieldProblem(field, `gold must be a label name or index, found ${describe(value)}`);
  }
  try {
    return resolveLabel(value, names, field);
  } catch (problem) {
    // "spam|ham" in a single-label project: say what is wrong rather than "unknown label".
    const parts = typeof value === 'string' ? splitLabels(value, field) : [];
    if (parts.length > 1) throw new FieldProblem(field, `expected exactly one gold label, found ${parts.length}`);
    throw problem;
  }
}

// Multi-label gold in a CSV cell: a JSON array, or names separated by | or ;.
function splitLabels(value: string, field: string): unknown[] {
  const text = value.trim();
  if (text.startsWith('[')) {
    const parsed = parseJson(text, field, 'gold');
    if (!Array.isArray(parsed)) {
      throw new FieldProblem(field, `gold must be a JSON array of labels, found ${describe(parsed)}`);
    }
    return parsed;
  }
  return text
    .split(/[|;]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function parseJson(text: string, field: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FieldProblem(field, `${what} is not valid JSON: ${(error as Error).message}`);
  }
}
