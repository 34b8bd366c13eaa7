// One code LF in its own QuickJS instance, runtime and context, driven synchronously from the current
// thread. The sandbox worker runs it; nothing else should, since a catastrophic regex cannot be interrupted
// and would stall whichever thread drives it. The host calls the LF once per item, so the deadline is
// exact per item and the worker can publish which item runs (the watchdog's backstop needs that).
import {
  Scope,
  type DisposableResult,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
} from 'quickjs-emscripten';
import { CodeLfError, CodeLfErrorCode } from './code-lf.error';
import { ABSTAIN, type CodeLfFailure, type CodeLfLimits } from './code-lf.types';
import { badVote, outOfMemory, stackExhausted, threw, timedOut } from './failure-message';
import { ItemDeadline } from './item-deadline';
import { FIND_DECLARED_LF, HARNESS_FILE, HARNESS_SOURCE, LF_FILE, NOT_A_FUNCTION_HINT } from './lf-harness';
import { parseableForm } from './lf-source';
import { newCappedQuickJs, type CappedQuickJs } from './quickjs-instance';
import { readThrown } from './read-thrown';
import { PHASE_IDLE, PHASE_LOADING, type SandboxProgress } from './sandbox-progress';

type Evaluated = DisposableResult<QuickJSHandle, QuickJSHandle>;

export interface EvaluateOutcome {
  failure: CodeLfFailure | null;
  /** Items with a final vote: all of them, those before the failing one, or those before the stop. */
  evaluated: number;
  stopped: 'deadline' | 'yield' | null;
}

// Room for the host's small allocations around a call (argument arrays, value copies).
const HOST_SLACK_BYTES = 64 * 1024;

/** A host-side exception from inside the wasm (native stack overflow, trap): the instance is unusable. */
function hostFailure(error: unknown, itemId?: string): string {
  const text = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError && text.includes('call stack')) return stackExhausted(itemId);
  return threw(`the sandbox crashed (${text})`, itemId);
}

export class QuickJsLf {
  private readonly scope = new Scope();
  private readonly deadline: ItemDeadline;
  private interrupted = false;
  private broken = false;
  private run: QuickJSHandle | null = null;
  private takeLastBad: QuickJSHandle | null = null;

  private constructor(
    private readonly instance: CappedQuickJs,
    private readonly runtime: QuickJSRuntime,
    private readonly context: QuickJSContext,
    private readonly limits: CodeLfLimits,
    private readonly progress: SandboxProgress,
  ) {
    this.deadline = new ItemDeadline(limits.timeLimitMs);
    runtime.setInterruptHandler(() => (this.interrupted ||= this.deadline.expired()));
  }

  /** `itemBytes`: room the items will take on top of what the LF may allocate. Throws CodeLfError. */
  static async load(source: string, limits: CodeLfLimits, progress: SandboxProgress, itemBytes = 0) {
    const extraBytes = limits.memoryLimitBytes + itemBytes + 16 * source.length;
    const instance = await newCappedQuickJs(extraBytes, limits.debugBuild);
    const runtime = instance.module.newRuntime();
    runtime.setMaxStackSize(limits.stackLimitBytes);
    // Bounds single allocations only (see quickjs-instance.ts), so a huge one fails before touching memory.
    runtime.setMemoryLimit(extraBytes);
    const lf = new QuickJsLf(instance, runtime, runtime.newContext(), limits, progress);
    try {
      lf.compile(source);
      return lf;
    } catch (error) {
      if (!(error instanceof CodeLfError)) lf.broken = true;
      lf.dispose();
      throw error instanceof CodeLfError ? error : new CodeLfError(CodeLfErrorCode.LoadFailed, hostFailure(error));
    }
  }

  /**
   * Writes votes into `progress.votes`; stops at the first failure, leaving the later votes ABSTAIN. Before an
   * item it also stops at `stopAt`, or (after the first) when the host asks it to yield; `evaluated` says how
   * far it got.
   */
  evaluate(jsons: readonly string[], ids: readonly string[], k: number, stopAt: number | null = null): EvaluateOutcome {
    this.progress.startItems();
    for (let i = 0; i < jsons.length; i++) {
      // A yield leaves at least one item done, so a batch always progresses; a deadline may leave none.
      const stopped = stopAt !== null && Date.now() >= stopAt ? 'deadline' : i > 0 && this.progress.yieldRequested() ? 'yield' : null;
      if (stopped) {
        this.progress.enter(PHASE_IDLE);
        return { failure: null, evaluated: i, stopped };
      }
      let failure: CodeLfFailure | null;
      try {
        failure = this.evaluateOne(i, jsons[i], ids[i], k);
      } catch (error) {
        this.broken = true;
        failure = { message: hostFailure(error, ids[i]), itemId: ids[i] };
      }
      if (failure) return { failure, evaluated: i, stopped: null };
    }
    this.progress.enter(PHASE_IDLE);
    return { failure: null, evaluated: jsons.length, stopped: null };
  }

  /** Frees the runtime and context (the instance's memory goes with the last reference to it). */
  dispose(): void {
    // A trapped instance may not be called into again; dropping it is all that is left.
    if (this.broken || !this.context.alive) return;
    this.scope.dispose();
    this.context.dispose();
    this.runtime.dispose();
  }

  private evaluateOne(index: number, json: string, itemId: string, k: number): CodeLfFailure | null {
    const { context } = this;
    // quickjs-emscripten does not check its own mallocs: with no room left to grow, the item's copy could
    // fail and be written at address 0. An LF that left no room has used up its budget anyway.
    const needed = 3 * json.length + HOST_SLACK_BYTES;
    if (this.instance.headroom() < needed || !this.run) return { message: outOfMemory(this.limits, itemId), itemId };
    const input = context.newString(json);
    this.start(index);
    const result = context.callFunction(this.run, context.undefined, input);
    input.dispose();
    if (result.error) return { message: this.failureMessage(result.error, itemId), itemId };
    const vote = result.value.consume(context.getNumber);
    if (Number.isInteger(vote) && vote >= ABSTAIN && vote < k) {
      this.progress.votes[index] = vote;
      return null;
    }
    return { message: badVote(Number.isNaN(vote) ? this.lastBadValue() : String(vote), k, itemId), itemId };
  }

  private compile(source: string): void {
    const { context, scope } = this;
    const harness = scope.manage(this.loaded(context.evalCode(HARNESS_SOURCE, HARNESS_FILE, { strict: true })));
    const bind = scope.manage(context.getProp(harness, 'bind'));
    this.takeLastBad = scope.manage(context.getProp(harness, 'takeLastBad'));
    // The clock starts with the LF's own code; the harness above is ours.
    this.start(PHASE_LOADING);
    const code = parseableForm(context, source);
    const value = scope.manage(this.loaded(context.evalCode(code, LF_FILE, { type: 'global', strict: true })));
    const lf =
      context.typeof(value) === 'function'
        ? value
        : scope.manage(this.loaded(context.evalCode(FIND_DECLARED_LF, HARNESS_FILE, { type: 'global' })));
    if (context.typeof(lf) !== 'function') {
      throw new CodeLfError(CodeLfErrorCode.NotAFunction, `${NOT_A_FUNCTION_HINT}; it evaluated to ${context.typeof(value)}`);
    }
    this.run = scope.manage(this.loaded(context.callFunction(bind, context.undefined, lf)));
    this.progress.enter(PHASE_IDLE);
  }

  private loaded(result: Evaluated): QuickJSHandle {
    if (!result.error) return result.value;
    throw new CodeLfError(CodeLfErrorCode.LoadFailed, this.failureMessage(result.error));
  }

  private start(phase: number): void {
    this.progress.enter(phase);
    this.interrupted = false;
    this.deadline.start();
  }

  /** Consumes `error`. */
  private failureMessage(error: QuickJSHandle, itemId?: string): string {
    if (this.interrupted) return error.consume(() => timedOut(this.limits, itemId));
    try {
      const thrown = error.consume((handle) => readThrown(this.context, handle));
      if (thrown.message === 'out of memory') return outOfMemory(this.limits, itemId);
      if (thrown.message === 'stack overflow') return stackExhausted(itemId);
      return threw(thrown.text, itemId);
    } catch {
      // Reading the error needs a little memory; failing to is itself the sign of exhaustion.
      return outOfMemory(this.limits, itemId);
    }
  }

  private lastBadValue(): string {
    if (!this.takeLastBad) return 'NaN';
    const result = this.context.callFunction(this.takeLastBad, this.context.undefined);
    if (result.error) return result.error.consume(() => 'a value that is not a number');
    return result.value.consume(this.context.getString);
  }
}
