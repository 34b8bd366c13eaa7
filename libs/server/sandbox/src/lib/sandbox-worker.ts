// The host's end of one sandbox worker thread: sends a task, waits for the answer off the event loop, and
// keeps a watchdog. QuickJS's interrupt handler stops runaway JavaScript inside the worker; the watchdog is
// for what it cannot stop (a catastrophic regex runs in C): an item past its time limit plus a grace, or a
// task past its wall-clock limit, gets the worker terminated. The worker is unref'd while idle.
import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { CodeLfFailure, CodeLfLimits } from './code-lf.types';
import { batchTimedOut, timedOut } from './failure-message';
import { PHASE_LOADING, SandboxProgress } from './sandbox-progress';
import type { SandboxReply, SandboxTask } from './sandbox-task';

const TICK_MS = 25;
// The interrupt handler ends a slow item about a millisecond after it has had its limit of CPU time; on a
// loaded machine that can be well after the limit in wall-clock time, so this backstop (for what cannot be
// interrupted) allows two seconds beyond it.
const GRACE_MS = 2000;

export type SandboxOutcome = { reply: SandboxReply } | { killed: CodeLfFailure };

export interface Watch {
  limits: CodeLfLimits;
  /** Item ids by index, to name the item a killed worker was on. */
  itemIds: readonly string[];
  wallClockLimitMs: number;
}

function spawn(): Worker {
  // Wasm frames run on the thread's native stack: room for QuickJS's own stack limit (at most 1 MiB).
  const options: WorkerOptions = { resourceLimits: { stackSizeMb: 8 } };
  if (__filename.endsWith('.ts')) {
    // Running from TypeScript sources (jest, tsx): let tsx compile the worker's modules on the fly.
    const entry = join(__dirname, 'code-lf.worker.ts');
    const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(entry)});`;
    return new Worker(code, { ...options, eval: true });
  }
  return new Worker(join(__dirname, 'code-lf.worker.js'), options);
}

export class SandboxWorker {
  private worker: Worker | null = null;
  private abort: ((failure: CodeLfFailure) => void) | null = null;

  private tail: Promise<unknown> = Promise.resolve();

  /** Tasks run one at a time, in call order: several code LFs may share one thread (see SandboxPool). */
  run(task: SandboxTask, watch: Watch): Promise<SandboxOutcome> {
    const next = this.tail.then(() => this.runNow(task, watch));
    this.tail = next.catch(() => undefined);
    return next;
  }

  private runNow(task: SandboxTask, watch: Watch): Promise<SandboxOutcome> {
    const worker = this.ensureWorker();
    const progress = new SandboxProgress(task.progress);
    const startedAt = Date.now();
    return new Promise<SandboxOutcome>((resolve, reject) => {
      let settled = false;
      const settle = () => {
        if (settled) return false;
        settled = true;
        clearInterval(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        this.abort = null;
        if (this.worker === worker) worker.unref();
        return true;
      };
      const finish = (outcome: SandboxOutcome) => settle() && resolve(outcome);
      const kill = (failure: CodeLfFailure) => {
        this.stopThread();
        finish({ killed: failure });
      };
      const onMessage = (reply: SandboxReply) => finish({ reply });
      const onError = (error: Error) => kill({ message: `the sandbox worker failed (${error.message})` });
      const onExit = (code: number) => kill({ message: `the sandbox worker exited (code ${code})` });
      const timer = setInterval(() => {
        const { phase, since } = progress.current();
        const itemId = phase >= 0 ? watch.itemIds[phase] : undefined;
        const now = Date.now();
        if (phase >= PHASE_LOADING && now - since > watch.limits.timeLimitMs + GRACE_MS) {
          kill({ message: timedOut(watch.limits, itemId), itemId });
        } else if (now - startedAt > watch.wallClockLimitMs) {
          kill({ message: batchTimedOut(watch.wallClockLimitMs, itemId), itemId });
        }
      }, TICK_MS);
      this.abort = kill;
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.ref();
      try {
        worker.postMessage(task);
      } catch (error) {
        // Items that cannot be cloned (a function in metadata, say): the caller's mistake, not the LF's.
        if (settle()) reject(error);
      }
    });
  }

  /** Ends the thread at once; a task in flight resolves as killed. The next run spawns a new worker. */
  terminate(failure: CodeLfFailure = { message: 'the sandbox was disposed' }): void {
    this.stopThread();
    this.abort?.(failure);
  }

  private stopThread(): void {
    const worker = this.worker;
    this.worker = null;
    if (worker) void worker.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = spawn();
    worker.unref();
    this.worker = worker;
    // A worker that dies while idle is simply replaced by the next run.
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
    });
    return worker;
  }
}
