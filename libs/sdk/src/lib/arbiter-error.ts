// The one error the SDK throws. HTTP answers carry the server's status, `code` (ERROR_CODE in the contracts, or
// `HTTP_<status>`) and field errors; failures found on this side use status 0 and a code of their own.
export const CLIENT_ERROR_CODE = {
  /** The server could not be reached, or a download broke more often than the client retries. */
  Network: 'NETWORK',
  /** A pulled split's SHA-256 differs from the manifest's content hash. */
  ContentHashMismatch: 'CONTENT_HASH_MISMATCH',
  /** `create({ wait: true })` saw the build fail. */
  SnapshotFailed: 'SNAPSHOT_FAILED',
  /** A wait or poll passed its `timeoutMs`. */
  Timeout: 'TIMEOUT',
  /** The server answered something that is not the contract's shape. */
  BadResponse: 'BAD_RESPONSE',
} as const;

export interface FieldError {
  path: string;
  message: string;
}

export class ArbiterError extends Error {
  override readonly name = 'ArbiterError';

  constructor(
    message: string,
    /** The HTTP status; 0 for an error found by the client. */
    readonly status: number,
    readonly code: string,
    readonly errors: FieldError[] = [],
    /** The whole error body as the server sent it (e.g. an import's `report` on a 422). */
    readonly body: unknown = undefined,
  ) {
    super(message);
  }

  /** Builds the error from a non-2xx answer; a body that is not the server's JSON error still gives a clear message. */
  static async fromResponse(method: string, path: string, response: Response): Promise<ArbiterError> {
    const text = await response.text().catch(() => '');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON (a proxy's page, an empty body): the status alone tells the caller what happened.
    }
    const b = (typeof body === 'object' && body !== null ? body : {}) as { code?: unknown; message?: unknown; errors?: unknown };
    const code = typeof b.code === 'string' ? b.code : `HTTP_${response.status}`;
    const message = typeof b.message === 'string' && b.message ? b.message : response.statusText || `HTTP ${response.status}`;
    const errors = Array.isArray(b.errors) ? (b.errors as FieldError[]) : [];
    return new ArbiterError(`${method} ${path}: ${response.status} ${message}`, response.status, code, errors, body);
  }
}
