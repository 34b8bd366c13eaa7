// A producer that cannot reach its queue in time fails fast with this (the api answers 503 with Retry-After)
// instead of waiting for Redis to come back with the client's request open.
export class QueueUnavailableError extends Error {
  constructor(what: string) {
    super(`the queue did not answer: ${what}`);
    this.name = 'QueueUnavailableError';
  }
}

export const PRODUCER_TIMEOUT_MS = 5000;

/** The operation's result, or QueueUnavailableError if it takes longer than PRODUCER_TIMEOUT_MS. */
export async function failFast<T>(what: string, op: Promise<T>, timeoutMs = PRODUCER_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueUnavailableError(what)), timeoutMs);
  });
  try {
    return await Promise.race([op, timeout]);
  } finally {
    clearTimeout(timer);
    // A late failure of the abandoned operation is not an unhandled rejection.
    op.catch(() => undefined);
  }
}
