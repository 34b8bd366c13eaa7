// Internal signal from the field readers to mapRecord: one bad field makes the row a RowError, never a throw.

export class FieldProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** null, undefined, '' and whitespace-only strings all mean "not given". */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
