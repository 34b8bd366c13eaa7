// A count of work in flight per key in one process, refusing (rather than queueing) past a limit: the caller answers
// 429 with Retry-After at once instead of holding a request open behind work it cannot start.
export class InFlightLimit {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** Runs `work` in one of the key's slots, or calls `refuse` (which throws) when they are all taken. */
  async run<T>(key: string, work: () => Promise<T>, refuse: (limit: number) => never): Promise<T> {
    const busy = this.inFlight.get(key) ?? 0;
    if (busy >= this.limit) refuse(this.limit);
    this.inFlight.set(key, busy + 1);
    try {
      return await work();
    } finally {
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left > 0) this.inFlight.set(key, left);
      else this.inFlight.delete(key);
    }
  }
}
