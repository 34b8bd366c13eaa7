// Evaluates stored LF definitions on items: built-in kinds with the LF library on this thread (regexes on a
// linear-time engine), handing the event loop back every few milliseconds; code LFs in the QuickJS sandbox on
// a pool of warm threads that projects share in turns. A failing LF yields an error for that LF only; the
// others' votes are unaffected. A deadline stops an evaluation between items, keeping the votes before it.
import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import type { LfDefinitionDto } from '@arbiter/contracts';
import { compileLf, LfDefinitionError, validateLfDefinition, type LfDefinition } from '@arbiter/domain/lf';
import { CodeLf, CodeLfError, SandboxPool } from '@arbiter/server/sandbox';

export interface EvalItem {
  id: string;
  text: string;
  metadata: Record<string, unknown>;
  /** Class probabilities by model version, for model LFs (see withModelScores). */
  predictions?: ReadonlyMap<number, ArrayLike<number>>;
}

export interface EvalOutcome {
  votes: Int8Array;
  error: { message: string; itemId: string | null } | null;
  /** Items with a final vote; short of all of them without an error when the deadline came first. */
  evaluated: number;
}

export interface EvalOptions {
  /** The project the work is for: sandbox threads serve projects in turns. */
  tenant: string;
  /** Epoch milliseconds after which no further item is started. */
  deadline?: number;
}

// Built-in LFs run on the caller's thread: it is handed back to other requests this often.
const BUILT_IN_SLICE_MS = 10;

export const LF_EVALUATOR_OPTIONS = Symbol('LF_EVALUATOR_OPTIONS');
export interface LfEvaluatorOptions {
  /** Sandbox threads shared by all code LFs of this process. */
  sandboxThreads: number;
}

@Injectable()
export class LfEvaluator implements OnModuleDestroy {
  private readonly logger = new Logger('LfEvaluator');
  private readonly pool: SandboxPool;

  constructor(@Optional() @Inject(LF_EVALUATOR_OPTIONS) options?: LfEvaluatorOptions) {
    this.pool = new SandboxPool(options?.sandboxThreads ?? 1);
  }

  /** Optimises the sandbox threads' WebAssembly in the background, so the first preview is not the slow one. */
  warmUp(): void {
    this.pool.warmUp().catch((err) => this.logger.warn(`sandbox warm-up failed: ${err}`));
  }

  /** Votes of one LF on `items` for k classes. */
  async evaluate(definition: LfDefinitionDto, items: readonly EvalItem[], k: number, options: EvalOptions): Promise<EvalOutcome> {
    if (definition.kind === 'code') return this.evaluateCode(definition.source, items, k, options);
    const votes = new Int8Array(items.length).fill(-1);
    let lf: (item: EvalItem) => number;
    try {
      lf = compileLf(validateLfDefinition(definition as LfDefinition));
    } catch (err) {
      return { votes, error: { message: errorMessage(err), itemId: null }, evaluated: 0 };
    }
    let sliceEnd = performance.now() + BUILT_IN_SLICE_MS;
    for (let i = 0; i < items.length; i++) {
      if (performance.now() >= sliceEnd) {
        if (options.deadline !== undefined && Date.now() >= options.deadline) return { votes, error: null, evaluated: i };
        await new Promise((resolve) => setImmediate(resolve));
        sliceEnd = performance.now() + BUILT_IN_SLICE_MS;
      }
      const v = lf(items[i]);
      if (v >= k) {
        votes.fill(-1);
        return { votes, error: { message: `voted ${v}, but the project has only labels 0..${k - 1}`, itemId: items[i].id }, evaluated: i };
      }
      votes[i] = v;
    }
    return { votes, error: null, evaluated: items.length };
  }

  /** Checks a definition the way a run will evaluate it; throws what is wrong (LfDefinitionError, CodeLfError). */
  async check(definition: LfDefinitionDto, tenant: string): Promise<void> {
    if (definition.kind === 'code') {
      (await this.pool.compile(definition.source, {}, tenant)).dispose();
      return;
    }
    validateLfDefinition(definition as LfDefinition);
  }

  private async evaluateCode(source: string, items: readonly EvalItem[], k: number, options: EvalOptions): Promise<EvalOutcome> {
    let lf: CodeLf;
    try {
      lf = await this.pool.compile(source, {}, options.tenant);
    } catch (err) {
      return { votes: new Int8Array(items.length).fill(-1), error: { message: errorMessage(err), itemId: null }, evaluated: 0 };
    }
    try {
      const result = await lf.evaluate(items, k, { deadline: options.deadline });
      const error = result.error ? { message: result.error.message, itemId: result.error.itemId ?? null } : null;
      return { votes: result.votes, error, evaluated: result.evaluated };
    } finally {
      lf.dispose();
    }
  }

  onModuleDestroy(): void {
    this.pool.dispose();
  }
}

function errorMessage(err: unknown): string {
  if (err instanceof CodeLfError || err instanceof LfDefinitionError) return err.message;
  return err instanceof Error ? err.message : String(err);
}
