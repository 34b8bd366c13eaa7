// A fixed set of sandbox threads shared by many code LFs, and fairly by their tenants (projects). A thread's
// WebAssembly is compiled and optimised on first use, so a pool keeps threads warm across LFs (an engineer's
// successive previews, a worker's chunks). Tasks wait in one queue per tenant and free threads serve the
// tenants in turn; while other work waits, a running evaluation that has spent its slice on its items is
// asked to stop between two items and queue its remaining items again, so one project's 10,000 slow items hold a thread
// for about a slice at a time, not for minutes. Isolation is unchanged: every evaluation (and every piece of
// one) runs in a fresh QuickJS instance, and a thread runs one task at a time.
import { CodeLf, checked, checkSource, type SandboxRunner } from './code-lf.sandbox';
import { CodeLfError, CodeLfErrorCode } from './code-lf.error';
import { resolveLimits, type CodeLfOptions } from './code-lf.types';
import { SandboxProgress } from './sandbox-progress';
import type { SandboxTask } from './sandbox-task';
import { SandboxWorker, type SandboxOutcome, type Watch } from './sandbox-worker';

/** How long a task keeps its thread while other tasks wait for one. */
export const SLICE_MS = 100;
const TICK_MS = 20;

interface Pending {
  task: SandboxTask;
  watch: Watch;
  resolve: (outcome: SandboxOutcome) => void;
  reject: (error: unknown) => void;
}

interface Running {
  progress: SandboxProgress;
}

export class SandboxPool {
  private readonly workers: SandboxWorker[];
  private readonly idle: SandboxWorker[];
  private readonly running = new Map<SandboxWorker, Running>();
  /** Waiting tasks by tenant; the map's order is the order tenants are served in. */
  private readonly waiting = new Map<string, Pending[]>();
  private timer: NodeJS.Timeout | null = null;
  private disposed = false;

  constructor(size = 1) {
    if (!Number.isInteger(size) || size < 1 || size > 64) {
      throw new CodeLfError(CodeLfErrorCode.InvalidInput, `the pool size must be an integer in 1..64, got ${size}`);
    }
    this.workers = Array.from({ length: size }, () => new SandboxWorker());
    this.idle = [...this.workers];
  }

  /**
   * As compileCodeLf, on the pool's threads, on behalf of `tenant` (a project id): the check and every
   * evaluation queue with that tenant's other work. Disposing the LF leaves the threads running.
   */
  compile(source: string, options: CodeLfOptions = {}, tenant = ''): Promise<CodeLf> {
    const runner: SandboxRunner = { run: (task, watch) => this.submit(tenant, task, watch) };
    return checked(new CodeLf(checkSource(source), resolveLimits(options), runner, false));
  }

  /** Runs a throwaway LF on every thread so their WebAssembly is optimised before a user waits on it. */
  async warmUp(items = 2000): Promise<void> {
    const batch = Array.from({ length: items }, (_, i) => ({ id: String(i), text: `warm-up text ${i} with some words`, metadata: { i } }));
    await Promise.all(
      this.workers.map(async (_, i) => {
        const lf = await this.compile(`(item) => /words/.test(item.text) && item.metadata.i % 2 ? 1 : ABSTAIN`, {}, `(warm-up ${i})`);
        try {
          await lf.evaluate(batch, 2);
        } finally {
          lf.dispose();
        }
      }),
    );
  }

  /** Ends every thread; evaluations in flight and queued resolve as errored. */
  dispose(): void {
    this.disposed = true;
    const failure = { message: 'the sandbox pool was disposed' };
    for (const list of this.waiting.values()) for (const p of list) p.resolve({ killed: failure });
    this.waiting.clear();
    this.updateTimer();
    for (const w of this.workers) w.terminate(failure);
  }

  private submit(tenant: string, task: SandboxTask, watch: Watch): Promise<SandboxOutcome> {
    if (this.disposed) return Promise.resolve({ killed: { message: 'the sandbox pool was disposed' } });
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(tenant);
      if (list) list.push({ task, watch, resolve, reject });
      else this.waiting.set(tenant, [{ task, watch, resolve, reject }]);
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.waiting.size > 0) {
      const [tenant, list] = this.waiting.entries().next().value as [string, Pending[]];
      const next = list.shift() as Pending;
      // The tenant goes to the back of the line; its other tasks wait for its next turn.
      this.waiting.delete(tenant);
      if (list.length) this.waiting.set(tenant, list);
      const worker = this.idle.pop() as SandboxWorker;
      this.running.set(worker, { progress: new SandboxProgress(next.task.progress) });
      worker
        .run(next.task, next.watch)
        .then(next.resolve, next.reject)
        .finally(() => {
          this.running.delete(worker);
          this.idle.push(worker);
          if (!this.disposed) this.dispatch();
        });
    }
    this.updateTimer();
  }

  /**
   * Asks every task that has had its slice of items to yield while other tasks wait (dispatch then serves the
   * next tenant; a tenant's own tasks take turns too, so one preview cannot spend a sibling's budget). The slice
   * counts from the first item: loading the LF and copying the items in come first and are not a turn.
   */
  private preempt(): void {
    const now = Date.now();
    for (const r of this.running.values()) {
      const started = r.progress.itemsStartedAt();
      if (started !== 0 && now - started >= SLICE_MS) r.progress.requestYield();
    }
  }

  private updateTimer(): void {
    if (this.waiting.size > 0 && this.timer === null) {
      this.timer = setInterval(() => this.preempt(), TICK_MS);
      this.timer.unref();
    } else if (this.waiting.size === 0 && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}
