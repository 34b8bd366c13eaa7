// Typed business errors. Services throw these (never HttpException) so the worker can reuse them;
// the api maps each code to a status in one place (apps/api/src/common/error.filter.ts).
export enum ErrorCode {
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Validation = 'VALIDATION_FAILED',
  Conflict = 'CONFLICT',
  ItemCompletedElsewhere = 'ITEM_COMPLETED_ELSEWHERE',
  NotLeased = 'NOT_LEASED',
  ImportRejected = 'IMPORT_REJECTED',
  BadFile = 'BAD_FILE',
  Paused = 'ANNOTATOR_PAUSED',
}

export interface FieldError {
  path: string;
  message: string;
}

export class ArbiterError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ArbiterError';
  }
}

export const notFound = (what: string) => new ArbiterError(ErrorCode.NotFound, `${what} not found`);
export const forbidden = (message: string) => new ArbiterError(ErrorCode.Forbidden, message);
export const invalid = (path: string, message: string) =>
  new ArbiterError(ErrorCode.Validation, `${path}: ${message}`, [{ path, message }]);
