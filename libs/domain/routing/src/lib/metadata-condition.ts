// Metadata conditions for routing rules (as Amazon A2I's human-loop activation conditions): comparisons on a
// prediction's metadata fields, combined with `all` (and) and `any` (or). Plain JSON, checked once by
// checkCondition, evaluated by matchesCondition.
import { RoutingError, RoutingErrorCode } from './routing.error';

export type MetadataScalar = string | number | boolean;

export const EQUALITY_OPS = ['==', '!='] as const;
export const ORDER_OPS = ['<', '<=', '>', '>='] as const;
export const MEMBERSHIP_OPS = ['in', 'not-in'] as const;

/**
 * One comparison of a top-level metadata field. `==`/`!=` compare strictly (1 is not "1"); order operators need a
 * number on both sides; `in`/`not-in` test membership in a list. A field that is missing or null matches no
 * comparison, not even `!=` or `not-in`: a rule about a field says nothing about items without it.
 */
export type MetadataComparison =
  | { field: string; op: (typeof EQUALITY_OPS)[number]; value: MetadataScalar }
  | { field: string; op: (typeof ORDER_OPS)[number]; value: number }
  | { field: string; op: (typeof MEMBERSHIP_OPS)[number]; value: MetadataScalar[] };

/** `all: []` is true and `any: []` false, as for Array.every and Array.some. */
export type MetadataCondition = { all: MetadataCondition[] } | { any: MetadataCondition[] } | MetadataComparison;

/** Nesting deeper than this is refused: a policy arrives as JSON and is evaluated on every prediction. */
export const MAX_CONDITION_DEPTH = 8;

export function matchesCondition(
  condition: MetadataCondition,
  metadata: Readonly<Record<string, unknown>> = {},
): boolean {
  if ('all' in condition) return condition.all.every((c) => matchesCondition(c, metadata));
  if ('any' in condition) return condition.any.some((c) => matchesCondition(c, metadata));
  const own = Object.prototype.hasOwnProperty.call(metadata, condition.field);
  const actual = own ? metadata[condition.field] : undefined;
  if (actual === undefined || actual === null) return false;
  switch (condition.op) {
    case '==':
      return actual === condition.value;
    case '!=':
      return actual !== condition.value;
    case 'in':
      return condition.value.includes(actual as MetadataScalar);
    case 'not-in':
      return !condition.value.includes(actual as MetadataScalar);
    default:
      return typeof actual === 'number' && compare(actual, condition.op, condition.value);
  }
}

function compare(a: number, op: (typeof ORDER_OPS)[number], b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

const isScalar = (v: unknown): v is MetadataScalar =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/** Checks a condition read from JSON, naming the first bad field (`rules[0].when.any[1].op`). */
export function checkCondition(condition: unknown, path: string, depth = 1): asserts condition is MetadataCondition {
  const bad = (where: string, message: string) => new RoutingError(RoutingErrorCode.InvalidPolicy, where, message);
  if (depth > MAX_CONDITION_DEPTH) throw bad(path, `conditions nest at most ${MAX_CONDITION_DEPTH} deep`);
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
    throw bad(path, `${path} must be an object`);
  }
  const c = condition as Record<string, unknown>;
  for (const group of ['all', 'any'] as const) {
    if (!(group in c)) continue;
    if (Object.keys(c).length !== 1) throw bad(path, `${path} must hold only "${group}"`);
    const list = c[group];
    if (!Array.isArray(list)) throw bad(`${path}.${group}`, `${path}.${group} must be a list of conditions`);
    list.forEach((child, i) => checkCondition(child, `${path}.${group}[${i}]`, depth + 1));
    return;
  }
  const keys = Object.keys(c).sort().join(',');
  if (keys !== 'field,op,value') throw bad(path, `${path} must be { all }, { any } or { field, op, value }`);
  if (typeof c.field !== 'string' || c.field === '') throw bad(`${path}.field`, `${path}.field must be a field name`);
  const op = c.op;
  if ((EQUALITY_OPS as readonly unknown[]).includes(op)) {
    if (!isScalar(c.value)) throw bad(`${path}.value`, `${path}.value must be a string, number or boolean`);
  } else if ((ORDER_OPS as readonly unknown[]).includes(op)) {
    if (typeof c.value !== 'number' || !Number.isFinite(c.value)) {
      throw bad(`${path}.value`, `${path}.value must be a finite number for ${String(op)}`);
    }
  } else if ((MEMBERSHIP_OPS as readonly unknown[]).includes(op)) {
    if (!Array.isArray(c.value) || !c.value.every(isScalar)) {
      throw bad(`${path}.value`, `${path}.value must be a list of strings, numbers or booleans`);
    }
  } else {
    const ops = [...EQUALITY_OPS, ...ORDER_OPS, ...MEMBERSHIP_OPS].join(' ');
    throw bad(`${path}.op`, `${path}.op must be one of ${ops}`);
  }
}
