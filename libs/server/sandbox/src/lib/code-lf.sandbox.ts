// The platform's entry to code LFs: compile once, evaluate batches off the event loop, dispose.
// Each CodeLf owns one worker thread; every evaluate() runs in a fresh QuickJS instance (own wasm memory,
// runtime and context) inside it, so LFs never share state and a batch never sees the previous one's globals.
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
import { SandboxWorker } from './sandbox-worker';

// Worker start-up (a thread, the wasm instance) on top of the per-item budget.
const START_UP_MS = 5_000;

export class CodeLf {
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  /** Use compileCodeLf (or SandboxPool.compile), which checks the source first. */
  constructor(
    readonly source: string,
    readonly limits: CodeLfLimits,
    private readonly worker: SandboxWorker = new SandboxWorker(),
    /** False when the thread belongs to a pool: disposing the LF then leaves the thread to the pool. */
    private readonly ownsWorker = true,
  ) {}

  /**
   * Votes of the LF on `items` for a k-class task. An LF that throws, times out, runs out of memory or
   * returns something other than an integer in -1..k-1 comes back with `error` set, never as a rejection.
   * Calls on one CodeLf run one after another.
   */
  evaluate(items: readonly CodeLfItem[], k: number): Promise<CodeLfResult> {
    const next = this.queue.then(() => this.evaluateNow(items, k));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Ends the worker thread (unless pooled); an evaluation in flight rejects with CODE_LF_DISPOSED. */
  dispose(): void {
    this.disposed = true;
    if (this.ownsWorker) this.worker.terminate();
  }

  /** Loads the LF once in the sandbox: it must parse, run its top-level code and yield a function. */
  async check(): Promise<void> {
    const progress = SandboxProgress.create(0);
    const outcome = await this.worker.run(
      { kind: 'compile', source: this.source, limits: this.limits, progress: progress.buffer },
      { limits: this.limits, itemIds: [], wallClockLimitMs: START_UP_MS + this.limits.timeLimitMs },
    );
    this.assertAlive();
    if ('killed' in outcome) throw new CodeLfError(CodeLfErrorCode.LoadFailed, outcome.killed.message);
    const { reply } = outcome;
    if (reply.kind === 'rejected') throw new CodeLfError(reply.code, reply.message, reply.line);
  }

  private async evaluateNow(items: readonly CodeLfItem[], k: number): Promise<CodeLfResult> {
    checkClassCount(k);
    this.assertAlive();
    if (items.length === 0) return { votes: new Int8Array(0), error: null };
    const progress = SandboxProgress.create(items.length);
    const itemIds = items.map((item) => item.id);
    const wallClockLimitMs = this.limits.batchTimeLimitMs ?? START_UP_MS + items.length * this.limits.timeLimitMs;
    const outcome = await this.worker.run(
      // Only the fields an LF may read: callers pass their item rows, which can carry gold labels.
      { kind: 'evaluate', source: this.source, limits: this.limits, progress: progress.buffer, items: items.map(lfView), k },
      { limits: this.limits, itemIds, wallClockLimitMs },
    );
    this.assertAlive();
    // Copied out of the shared buffer, so the caller holds an ordinary Int8Array of this realm.
    const votes = new Int8Array(items.length);
    votes.set(progress.votes);
    if ('killed' in outcome) return { votes, error: outcome.killed };
    const { reply } = outcome;
    return { votes, error: reply.kind === 'evaluated' ? reply.failure : { message: `unexpected reply ${reply.kind}` } };
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

function checkSource(source: string): string {
  if (typeof source !== 'string' || source.length > MAX_SOURCE_LENGTH) {
    throw new CodeLfError(CodeLfErrorCode.InvalidInput, `the source must be a string of at most ${MAX_SOURCE_LENGTH} characters`);
  }
  return source;
}

async function checked(lf: CodeLf): Promise<CodeLf> {
  try {
    await lf.check();
  } catch (error) {
    lf.dispose();
    throw error;
  }
  return lf;
}

/**
 * A fixed set of sandbox threads shared by many code LFs. A thread's WebAssembly is compiled and optimised on
 * first use, so a fresh thread evaluates its first batch two to three times slower than later ones; a pool
 * keeps threads warm across LFs (an engineer's successive previews, a worker's chunks). Isolation is unchanged:
 * every evaluation still runs in a fresh QuickJS instance, and tasks on one thread run one after another.
 */
export class SandboxPool {
  private readonly workers: SandboxWorker[];
  private next = 0;

  constructor(size = 1) {
    if (!Number.isInteger(size) || size < 1 || size > 64) {
      throw new CodeLfError(CodeLfErrorCode.InvalidInput, `the pool size must be an integer in 1..64, got ${size}`);
    }
    this.workers = Array.from({ length: size }, () => new SandboxWorker());
  }

  /** As compileCodeLf, on the next of the pool's threads; disposing the LF leaves the thread running. */
  compile(source: string, options: CodeLfOptions = {}): Promise<CodeLf> {
    const worker = this.workers[this.next++ % this.workers.length];
    return checked(new CodeLf(checkSource(source), resolveLimits(options), worker, false));
  }

  /** Runs a throwaway LF on every thread so their WebAssembly is optimised before a user waits on it. */
  async warmUp(items = 2000): Promise<void> {
    const batch = Array.from({ length: items }, (_, i) => ({ id: String(i), text: `warm-up text ${i} with some words`, metadata: { i } }));
    await Promise.all(
      this.workers.map(async () => {
        const lf = await this.compile(`(item) => /words/.test(item.text) && item.metadata.i % 2 ? 1 : ABSTAIN`);
        try {
          await lf.evaluate(batch, 2);
        } finally {
          lf.dispose();
        }
      }),
    );
  }

  /** Ends every thread; evaluations in flight resolve as errored. */
  dispose(): void {
    for (const w of this.workers) w.terminate({ message: 'the sandbox pool was disposed' });
  }
}
