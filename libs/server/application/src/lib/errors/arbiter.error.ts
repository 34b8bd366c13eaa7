// Typed business errors. Services throw these (never HttpException) so the worker can reuse them;
// the api maps each code to a status in one place (apps/api/src/common/error.filter.ts).
import { ERROR_CODE, type ErrorCode as ContractErrorCode } from '@arbiter/contracts';

// The codes live in the contracts, where clients read them too; `ErrorCode.NotFound` and the type read as before.
export const ErrorCode = ERROR_CODE;
export type ErrorCode = ContractErrorCode;

export interface FieldError {
  path: string;
  message: string;
}

export class ArbiterError extends Error {
  /** When the client may try again (sent as `Retry-After`), for rate limits and passing outages. */
  retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ArbiterError';
  }

  retryAfter(seconds: number): this {
    this.retryAfterSeconds = seconds;
    return this;
  }
}

export const notFound = (what: string) => new ArbiterError(ErrorCode.NotFound, `${what} not found`);
export const forbidden = (message: string) => new ArbiterError(ErrorCode.Forbidden, message);
export const invalid = (path: string, message: string) =>
  new ArbiterError(ErrorCode.Validation, `${path}: ${message}`, [{ path, message }]);
