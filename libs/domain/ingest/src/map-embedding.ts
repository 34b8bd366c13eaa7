// Reads a client-supplied vector (the import's embeddingField): JSON gives an array of numbers; a CSV cell gives a
// JSON array ("[0.1, -2]") or numbers separated by commas and/or whitespace ("0.1,-2" or "0.1 -2"). Values are
// rounded to float4, as PostgreSQL stores them, so what is checked here is what is stored.
import { FieldProblem, isBlank } from './field-problem';
import { describe } from './json-shape';

export const MAX_EMBEDDING_DIM = 4096;

// A decimal number as a CSV cell may spell it; JSON's grammar plus a leading +, and Infinity/NaN stay out.
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * The vector as float4 values, or null when none is given. `dim`, when known (the project's, or the first vector
 * of this file's), is the length every vector must have.
 */
export function readEmbedding(value: unknown, field: string, dim?: number): number[] | null {
  if (isBlank(value)) return null;
  const given = typeof value === 'string' ? splitNumbers(value, field) : value;
  if (!Array.isArray(given)) {
    throw new FieldProblem(field, `embedding must be an array of numbers, found ${describe(given)}`);
  }
  if (given.length === 0 || given.length > MAX_EMBEDDING_DIM) {
    throw new FieldProblem(field, `embedding must have 1 to ${MAX_EMBEDDING_DIM} numbers, found ${given.length}`);
  }
  if (dim !== undefined && given.length !== dim) {
    throw new FieldProblem(field, `embedding has ${given.length} numbers, but this project's vectors have ${dim}`);
  }
  return given.map((x, i) => {
    const v = typeof x === 'number' ? Math.fround(x) : NaN;
    // Past float4's range (about 3.4e38) a value cannot be stored; below it, it rounds (tiny ones to 0).
    if (!Number.isFinite(v)) {
      const found = typeof x === 'number' ? String(x) : JSON.stringify(x) ?? describe(x);
      throw new FieldProblem(field, `embedding[${i}] must be a finite number within ±3.4e38, found ${found}`);
    }
    return v;
  });
}

function splitNumbers(text: string, field: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown[];
    } catch (error) {
      throw new FieldProblem(field, `embedding is not a valid JSON array: ${(error as Error).message}`);
    }
  }
  return trimmed.split(/[\s,]+/).map((part, i) => {
    if (!NUMBER.test(part)) throw new FieldProblem(field, `embedding[${i}] must be a number, found ${JSON.stringify(part)}`);
    return Number(part);
  });
}
