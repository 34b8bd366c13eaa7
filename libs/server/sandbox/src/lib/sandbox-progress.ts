// Memory shared by the host and the sandbox worker: which item runs since when, the votes so far, and whether
// the host asks the worker to stop between two items (another project waits for the thread). Shared rather
// than posted so that a worker killed by the watchdog still leaves its votes and its whereabouts behind (a
// catastrophic regex cannot be interrupted from inside QuickJS), and so that a busy worker sees a request.

/** Phases below 0; from 0 on, the phase is the index of the item being evaluated. */
export const PHASE_IDLE = -2;
export const PHASE_LOADING = -1;

const HEADER_BYTES = 24;

export class SandboxProgress {
  private readonly phase: Int32Array;
  private readonly yieldFlag: Int32Array;
  private readonly since: Float64Array;
  private readonly itemsSince: Float64Array;
  readonly votes: Int8Array;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.phase = new Int32Array(buffer, 0, 1);
    this.yieldFlag = new Int32Array(buffer, 4, 1);
    this.since = new Float64Array(buffer, 8, 1);
    this.itemsSince = new Float64Array(buffer, 16, 1);
    this.votes = new Int8Array(buffer, HEADER_BYTES);
  }

  static create(itemCount: number): SandboxProgress {
    const progress = new SandboxProgress(new SharedArrayBuffer(HEADER_BYTES + itemCount));
    progress.votes.fill(-1);
    progress.enter(PHASE_IDLE);
    return progress;
  }

  /** The start time goes first: a reader that sees the new phase also sees when it began. */
  enter(phase: number): void {
    this.since[0] = Date.now();
    Atomics.store(this.phase, 0, phase);
  }

  /** The worker starts on the items (after loading the LF and copying them in). */
  startItems(): void {
    this.itemsSince[0] = Date.now();
  }

  /** When the worker started on the items; 0 while it is still loading. */
  itemsStartedAt(): number {
    return this.itemsSince[0];
  }

  /** The host's request that the worker stop before its next item and answer how far it got. */
  requestYield(): void {
    Atomics.store(this.yieldFlag, 0, 1);
  }

  yieldRequested(): boolean {
    return Atomics.load(this.yieldFlag, 0) !== 0;
  }

  current(): { phase: number; since: number } {
    const phase = Atomics.load(this.phase, 0);
    return { phase, since: this.since[0] };
  }
}
