// A code LF that cannot be used at all: raised by compileCodeLf (or evaluate on bad arguments), never for a
// failure on an item — those come back in the result's `error` so the caller keeps the other LFs' votes.

export enum CodeLfErrorCode {
  /** The source does not parse; `line` says where. */
  Syntax = 'CODE_LF_SYNTAX',
  /** The source parses but yields no function (neither an expression nor a `function lf` declaration). */
  NotAFunction = 'CODE_LF_NOT_A_FUNCTION',
  /** The LF's top-level code threw, timed out or ran out of memory. */
  LoadFailed = 'CODE_LF_LOAD_FAILED',
  /** Bad options, class count or source length. */
  InvalidInput = 'CODE_LF_INVALID_INPUT',
  /** evaluate() after dispose(), or dispose() during an evaluation. */
  Disposed = 'CODE_LF_DISPOSED',
}

export class CodeLfError extends Error {
  constructor(
    readonly code: CodeLfErrorCode,
    message: string,
    /** 1-based line of the source, for syntax errors. */
    readonly line?: number,
  ) {
    super(message);
    this.name = 'CodeLfError';
  }
}
