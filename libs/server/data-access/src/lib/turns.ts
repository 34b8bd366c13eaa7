// Takes turns at something scarce inside one process: at most `size` holders at once, the others wait in order.
// A waiter whose signal aborts leaves the line and is rejected with the signal's reason.

export class Turns {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  /** Resolves with the function that ends the turn (calling it twice is harmless). */
  async take(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw signal.reason;
    if (this.free > 0) {
      this.free--;
    } else {
      await new Promise<void>((resolve, reject) => {
        const go = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          this.waiting.splice(this.waiting.indexOf(go), 1);
          reject(signal?.reason);
        };
        this.waiting.push(go);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const next = this.waiting.shift();
      if (next) next(); // the turn passes straight on
      else this.free++;
    };
  }
}
