// The per-item time limit, counted in CPU time the sandbox thread actually got. A wall-clock deadline alone
// fails good LFs on a loaded machine: a thread held off the CPU for 50 ms "ran" 50 ms. The wall clock is the
// cheap first test (QuickJS asks every few thousand operations); only past it is the thread's CPU time read,
// and the deadline moves out by the budget still unspent. Where the CPU time cannot be read, the wall clock
// decides alone.
import { readFileSync } from 'node:fs';

export type Clock = () => number;

const readThreadCpu: Clock = () => Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ', 1)[0]) / 1e6;
let probed: Clock | null | undefined;

/** Milliseconds on the CPU for the calling thread, from Linux's schedstat; null where that is unreadable. */
export function threadCpuClock(): Clock | null {
  if (probed === undefined) {
    try {
      probed = Number.isFinite(readThreadCpu()) ? readThreadCpu : null;
    } catch {
      probed = null;
    }
  }
  return probed;
}

export class ItemDeadline {
  private wallDeadline = Infinity;
  private cpuStart = 0;

  constructor(
    private readonly limitMs: number,
    private readonly wall: Clock = () => performance.now(),
    private readonly cpu: Clock | null = threadCpuClock(),
  ) {}

  start(): void {
    this.wallDeadline = this.wall() + this.limitMs;
    if (this.cpu) this.cpuStart = this.cpu();
  }

  /** True once the item has had `limitMs` of CPU (of wall clock without a CPU clock). */
  expired(): boolean {
    const now = this.wall();
    if (now <= this.wallDeadline) return false;
    if (!this.cpu) return true;
    const used = this.cpu() - this.cpuStart;
    if (used >= this.limitMs) return true;
    this.wallDeadline = now + (this.limitMs - used);
    return false;
  }
}
