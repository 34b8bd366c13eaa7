// The platform's entry to code LFs: compile once, evaluate batches off the event loop, dispose.
// A CodeLf owns one worker thread, or shares a pool's (sandbox-pool.ts); every batch — every piece of a batch
// that yielded its thread — runs in a fresh QuickJS instance (own wasm memory, runtime and context), so LFs
// never share state and votes never depend on what ran before.
import { CodeLfError, CodeLfErrorCode } from './code-lf.error';
import {
  MAX_SOURCE_LENGTH,
  checkClassCount,
  resolveLimits,
  type CodeLfItem,
  type CodeLfLimits,
  type CodeLfOptions,
  type CodeLfResult,
} from './code-lf.types';
import { SandboxProgress } from './sandbox-progress';
import type { SandboxTask } from './sandbox-task';
import { SandboxWorker, type SandboxOutcome, type Watch } from './sandbox-worker';

// Worker start-up (a thread, the wasm instance) on top of the per-item budget.
const START_UP_MS = 5_000;

/** Runs sandbox tasks: one worker thread of its own, or a pool's threads shared fairly between tenants. */
export interface SandboxRunner {
  run(task: SandboxTask, watch: Watch): Promise<SandboxOutcome>;
}

export interface EvaluateOptions {
  /** Epoch milliseconds after which no further item starts: the result then covers the items before it. */
  deadline?: number;
}

// A batch that yielded the thread comes back in pieces of about four turns' worth of items (at least
// MIN_PIECE), each piece growing fourfold while nobody preempts it: items are not copied to the thread over and
// over, and a fresh instance per piece stays a small cost.
const MIN_PIECE = 1000;
const GROWTH = 4;

export class CodeLf {
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  /** Use compileCodeLf (or SandboxPool.compile), which checks the source first. */
  constructor(
    readonly source: string,
    readonly limits: CodeLfLimits,
    private readonly runner: SandboxRunner & { terminate?: () => void } = new SandboxWorker(),
    /** False when the thread belongs to a pool: disposing the LF then leaves the thread to the pool. */
    private readonly ownsRunner = true,
  ) {}

  /**
   * Votes of the LF on `items` for a k-class task. An LF that throws, times out, runs out of memory or
   * returns something other than an integer in -1..k-1 comes back with `error` set, never as a rejection.
   * With a `deadline`, `evaluated` may fall short of `items.length` with no error: the time ran out.
   * Calls on one CodeLf run one after another.
   */
  evaluate(items: readonly CodeLfItem[], k: number, options: EvaluateOptions = {}): Promise<CodeLfResult> {
    const next = this.queue.then(() => this.evaluateNow(items, k, options.deadline ?? null));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Ends the worker thread (unless pooled); an evaluation in flight rejects with CODE_LF_DISPOSED. */
  dispose(): void {
    this.disposed = true;
    if (this.ownsRunner) this.runner.terminate?.();
  }

  /** Loads the LF once in the sandbox: it must parse, run its top-level code and yield a function. */
  async check(): Promise<void> {
    const progress = SandboxProgress.create(0);
    const outcome = await this.runner.run(
      { kind: 'compile', source: this.source, limits: this.limits, progress: progress.buffer },
      { limits: this.limits, itemIds: [], wallClockLimitMs: START_UP_MS + this.limits.timeLimitMs },
    );
    this.assertAlive();
    if ('killed' in outcome) throw new CodeLfError(CodeLfErrorCode.LoadFailed, outcome.killed.message);
    const { reply } = outcome;
    if (reply.kind === 'rejected') throw new CodeLfError(reply.code, reply.message, reply.line);
  }

  private async evaluateNow(items: readonly CodeLfItem[], k: number, deadline: number | null): Promise<CodeLfResult> {
    checkClassCount(k);
    this.assertAlive();
    const votes = new Int8Array(items.length).fill(-1);
    let done = 0;
    let size = items.length;
    // A piece runs until its last item, a failure, the deadline, or a request to yield the thread to another
    // tenant; after a yield the rest is queued again behind that tenant's work.
    while (done < items.length) {
      if (deadline !== null && Date.now() >= deadline) break;
      const piece = items.slice(done, done + size);
      const { outcome, progress } = await this.runPiece(piece, k, deadline);
      this.assertAlive();
      votes.set(progress.votes, done);
      if ('killed' in outcome) return { votes, error: outcome.killed, evaluated: done + Math.max(0, progress.current().phase) };
      const { reply } = outcome;
      if (reply.kind !== 'evaluated') return { votes, error: { message: `unexpected reply ${reply.kind}` }, evaluated: done };
      if (reply.failure) return { votes, error: reply.failure, evaluated: done + reply.evaluated };
      done += reply.evaluated;
      if (reply.stopped === 'deadline') break;
      size = reply.stopped === 'yield' ? Math.max(MIN_PIECE, GROWTH * reply.evaluated) : size * GROWTH;
    }
    return { votes, error: null, evaluated: done };
  }

  private async runPiece(piece: readonly CodeLfItem[], k: number, deadline: number | null) {
    const progress = SandboxProgress.create(piece.length);
    const wallClockLimitMs = this.limits.batchTimeLimitMs ?? START_UP_MS + piece.length * this.limits.timeLimitMs;
    const outcome = await this.runner.run(
      // Only the fields an LF may read: callers pass their item rows, which can carry gold labels.
      { kind: 'evaluate', source: this.source, limits: this.limits, progress: progress.buffer, items: piece.map(lfView), k, stopAt: deadline },
      { limits: this.limits, itemIds: piece.map((item) => item.id), wallClockLimitMs },
    );
    return { outcome, progress };
  }

  private assertAlive(): void {
    if (this.disposed) throw new CodeLfError(CodeLfErrorCode.Disposed, 'this code LF was disposed');
  }
}

/** What a code LF sees of an item: its id, text and metadata (never gold, annotations or predictions). */
function lfView({ id, text, metadata }: CodeLfItem): CodeLfItem {
  return { id, text, metadata };
}

/**
 * Checks a code LF and returns a handle for evaluating it. The source is either an expression that
 * evaluates to a function — `(item) => item.text.includes('http') ? 1 : ABSTAIN` — or a script that
 * declares `function lf(item) { ... }` (helpers and constants beside it are fine). It runs in strict mode.
 * Throws CodeLfError: CODE_LF_SYNTAX (with `line`), CODE_LF_NOT_A_FUNCTION, CODE_LF_LOAD_FAILED, CODE_LF_INVALID_INPUT.
 */
export async function compileCodeLf(source: string, options: CodeLfOptions = {}): Promise<CodeLf> {
  return checked(new CodeLf(checkSource(source), resolveLimits(options)));
}

export function checkSource(source: string): string {
  if (typeof source !== 'string' || source.length > MAX_SOURCE_LENGTH) {
    throw new CodeLfError(CodeLfErrorCode.InvalidInput, `the source must be a string of at most ${MAX_SOURCE_LENGTH} characters`);
  }
  return source;
}

export async function checked(lf: CodeLf): Promise<CodeLf> {
  try {
    await lf.check();
  } catch (error) {
    lf.dispose();
    throw error;
  }
  return lf;
}
