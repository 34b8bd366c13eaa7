// What the host asks of a sandbox worker and what it answers: compile (check the LF loads into a
// function) or evaluate (a fresh instance sized for the batch; votes go to the shared progress buffer). An
// evaluation stops early, between two items, at `stopAt` (a caller's time budget) or when the host asks it to
// yield the thread; it answers how many items it evaluated and why it stopped.
import { CodeLfError, CodeLfErrorCode } from './code-lf.error';
import type { CodeLfFailure, CodeLfItem, CodeLfLimits } from './code-lf.types';
import { QuickJsLf } from './quickjs-lf';
import { SandboxProgress } from './sandbox-progress';

export type SandboxTask =
  | { kind: 'compile'; source: string; limits: CodeLfLimits; progress: SharedArrayBuffer }
  | {
      kind: 'evaluate';
      source: string;
      limits: CodeLfLimits;
      progress: SharedArrayBuffer;
      items: CodeLfItem[];
      k: number;
      /** Epoch milliseconds after which no further item starts. */
      stopAt: number | null;
    };

/** Why an evaluation ended before its last item without a failure. */
export type EvaluationStop = 'deadline' | 'yield';

export type SandboxReply =
  | { kind: 'compiled' }
  | { kind: 'evaluated'; failure: CodeLfFailure | null; evaluated: number; stopped: EvaluationStop | null }
  | { kind: 'rejected'; code: CodeLfErrorCode; message: string; line?: number };

// Room for one item inside the sandbox, per JSON character: the UTF-8 copy (up to 3 bytes), the parsed
// string (up to 2) and the objects around it.
const BYTES_PER_JSON_CHAR = 8;

function toJson(items: CodeLfItem[]): { jsons: string[]; failure: CodeLfFailure | null } {
  const jsons: string[] = [];
  for (const item of items) {
    try {
      jsons.push(JSON.stringify(item));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { jsons, failure: { message: `item ${item.id} cannot be passed as JSON (${reason})`, itemId: item.id } };
    }
  }
  return { jsons, failure: null };
}

async function evaluate(task: Extract<SandboxTask, { kind: 'evaluate' }>): Promise<SandboxReply> {
  const { jsons, failure: unserialisable } = toJson(task.items);
  if (unserialisable) return { kind: 'evaluated', failure: unserialisable, evaluated: jsons.length, stopped: null };
  const longest = jsons.reduce((max, json) => Math.max(max, json.length), 0);
  let lf: QuickJsLf;
  try {
    lf = await QuickJsLf.load(task.source, task.limits, new SandboxProgress(task.progress), longest * BYTES_PER_JSON_CHAR);
  } catch (error) {
    // It compiled before; top-level code that fails now (Math.random, say) errors this batch only.
    if (error instanceof CodeLfError) return { kind: 'evaluated', failure: { message: error.message }, evaluated: 0, stopped: null };
    throw error;
  }
  const outcome = lf.evaluate(jsons, task.items.map((item) => item.id), task.k, task.stopAt);
  let failure = outcome.failure;
  try {
    lf.dispose();
  } catch (error) {
    // The debug build aborts here on a leaked handle: a bug of ours, reported rather than hidden.
    failure ??= { message: `the sandbox failed to clean up (${error instanceof Error ? error.message : error})` };
  }
  return { kind: 'evaluated', failure, evaluated: outcome.evaluated, stopped: outcome.stopped };
}

export async function runSandboxTask(task: SandboxTask): Promise<SandboxReply> {
  if (task.kind === 'evaluate') return evaluate(task);
  try {
    const lf = await QuickJsLf.load(task.source, task.limits, new SandboxProgress(task.progress));
    lf.dispose();
    return { kind: 'compiled' };
  } catch (error) {
    if (!(error instanceof CodeLfError)) throw error;
    return { kind: 'rejected', code: error.code, message: error.message, line: error.line };
  }
}
