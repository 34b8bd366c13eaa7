// Evaluates stored LF definitions on items: built-in kinds with the LF library on this thread, code LFs in the
// QuickJS sandbox on a pool of warm threads. A failing LF yields an error for that LF only; the others' votes
// are unaffected.
import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import type { LfDefinitionDto } from '@arbiter/contracts';
import { compileLf, LfDefinitionError, validateLfDefinition, type LfDefinition } from '@arbiter/domain/lf';
import { CodeLf, CodeLfError, SandboxPool } from '@arbiter/server/sandbox';

export interface EvalItem {
  id: string;
  text: string;
  metadata: Record<string, unknown>;
}

export interface EvalOutcome {
  votes: Int8Array;
  error: { message: string; itemId: string | null } | null;
}

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
  async evaluate(definition: LfDefinitionDto, items: readonly EvalItem[], k: number): Promise<EvalOutcome> {
    if (definition.kind === 'code') return this.evaluateCode(definition.source, items, k);
    let lf: (item: EvalItem) => number;
    try {
      lf = compileLf(validateLfDefinition(definition as LfDefinition));
    } catch (err) {
      return { votes: new Int8Array(items.length).fill(-1), error: { message: errorMessage(err), itemId: null } };
    }
    const votes = new Int8Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const v = lf(items[i]);
      if (v >= k) {
        votes.fill(-1);
        return { votes, error: { message: `voted ${v}, but the project has only labels 0..${k - 1}`, itemId: items[i].id } };
      }
      votes[i] = v;
    }
    return { votes, error: null };
  }

  /** Checks a definition the way a run will evaluate it; throws what is wrong (LfDefinitionError, CodeLfError). */
  async check(definition: LfDefinitionDto): Promise<void> {
    if (definition.kind === 'code') {
      (await this.pool.compile(definition.source)).dispose();
      return;
    }
    validateLfDefinition(definition as LfDefinition);
  }

  private async evaluateCode(source: string, items: readonly EvalItem[], k: number): Promise<EvalOutcome> {
    let lf: CodeLf;
    try {
      lf = await this.pool.compile(source);
    } catch (err) {
      return { votes: new Int8Array(items.length).fill(-1), error: { message: errorMessage(err), itemId: null } };
    }
    try {
      const result = await lf.evaluate(items, k);
      return { votes: result.votes, error: result.error ? { message: result.error.message, itemId: result.error.itemId ?? null } : null };
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
