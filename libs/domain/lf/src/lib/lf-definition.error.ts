// A labeling-function definition that cannot be compiled: raised before any item is evaluated.

export enum LfDefinitionErrorCode {
  NotAnObject = 'LF_NOT_AN_OBJECT',
  UnknownKind = 'LF_UNKNOWN_KIND',
  InvalidLabel = 'LF_INVALID_LABEL',
  InvalidKeywords = 'LF_INVALID_KEYWORDS',
  InvalidMatch = 'LF_INVALID_MATCH',
  InvalidRegexPattern = 'LF_INVALID_REGEX_PATTERN',
  InvalidRegexFlags = 'LF_INVALID_REGEX_FLAGS',
  InvalidField = 'LF_INVALID_FIELD',
  InvalidOperator = 'LF_INVALID_OPERATOR',
  InvalidValue = 'LF_INVALID_VALUE',
  InvalidModelVersion = 'LF_INVALID_MODEL_VERSION',
  InvalidConfidence = 'LF_INVALID_CONFIDENCE',
}

/** `path` names the offending property of the definition (`keywords[2]`, `flags`), for `{ path, message }` errors. */
export class LfDefinitionError extends Error {
  constructor(
    readonly code: LfDefinitionErrorCode,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'LfDefinitionError';
  }
}
