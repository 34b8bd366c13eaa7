// The shapes of the code-LF sandbox: what an LF sees of an item, the limits it runs under, what an evaluation
// returns. Plain data only, so they cross the worker-thread boundary unchanged.
import { CodeLfError, CodeLfErrorCode } from './code-lf.error';

/** The vote of an LF with no opinion; also defined as the global `ABSTAIN` inside the sandbox. */
export const ABSTAIN = -1;
/** Votes are an Int8Array, so labels are 0..127 (the label matrix's MAX_LABEL). */
export const MAX_CLASSES = 128;
/** Sources longer than this are refused before they reach the parser. */
export const MAX_SOURCE_LENGTH = 100_000;

const KIB = 1024;
const MIB = 1024 * KIB;

/** What a code LF receives; the sandbox sees a frozen copy of its JSON form. */
export interface CodeLfItem {
  id: string;
  text: string;
  metadata: Record<string, unknown>;
}

export interface CodeLfOptions {
  /** Per item (and for the LF's top-level code), default 50. */
  timeLimitMs?: number;
  /** What the LF may allocate, default 32 MiB; see README for how the cap is enforced. */
  memoryLimitBytes?: number;
  /** QuickJS stack limit, default 256 KiB (QuickJS's own), at most 1 MiB. */
  stackLimitBytes?: number;
  /** Backstop for one evaluate() call (each piece of one that yielded a pooled thread); default 5 s + items × timeLimitMs. */
  batchTimeLimitMs?: number;
  /** Run on quickjs-emscripten's debug build, which aborts on leaked handles (for tests; much slower). */
  debugBuild?: boolean;
}

export type CodeLfLimits = Required<Omit<CodeLfOptions, 'batchTimeLimitMs'>> & { batchTimeLimitMs?: number };

/** Why an LF is errored: a clear message, and the item it failed on when there was one. */
export interface CodeLfFailure {
  message: string;
  itemId?: string;
}

/**
 * `votes[i]` is the LF's vote on `items[i]`; after a failure the votes from the failing item on stay ABSTAIN.
 * `evaluated` counts the items before the failure or the deadline (all of them otherwise): with `error` null
 * and `evaluated < items.length`, the caller's deadline stopped the batch.
 */
export interface CodeLfResult {
  votes: Int8Array;
  error: CodeLfFailure | null;
  evaluated: number;
}

export const DEFAULT_TIME_LIMIT_MS = 50;
export const DEFAULT_MEMORY_LIMIT_BYTES = 32 * MIB;
export const DEFAULT_STACK_LIMIT_BYTES = 256 * KIB;
// Wasm frames run on the worker's native stack; 1 MiB of QuickJS stack stays inside an 8 MB thread stack.
const MAX_STACK_LIMIT_BYTES = MIB;

function checkRange(name: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CodeLfError(CodeLfErrorCode.InvalidInput, `${name} must be an integer in ${min}..${max}, got ${value}`);
  }
}

export function resolveLimits(options: CodeLfOptions = {}): CodeLfLimits {
  checkRange('timeLimitMs', options.timeLimitMs, 1, 60_000);
  checkRange('memoryLimitBytes', options.memoryLimitBytes, MIB, 1024 * MIB);
  checkRange('stackLimitBytes', options.stackLimitBytes, 16 * KIB, MAX_STACK_LIMIT_BYTES);
  checkRange('batchTimeLimitMs', options.batchTimeLimitMs, 1, 24 * 3600_000);
  return {
    timeLimitMs: options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
    memoryLimitBytes: options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT_BYTES,
    stackLimitBytes: options.stackLimitBytes ?? DEFAULT_STACK_LIMIT_BYTES,
    batchTimeLimitMs: options.batchTimeLimitMs,
    debugBuild: options.debugBuild ?? false,
  };
}

export function checkClassCount(k: number): void {
  if (!Number.isInteger(k) || k < 1 || k > MAX_CLASSES) {
    throw new CodeLfError(CodeLfErrorCode.InvalidInput, `k must be an integer in 1..${MAX_CLASSES}, got ${k}`);
  }
}

/** `32 MiB`, `512 KiB`: limits as an engineer set them. */
export function formatBytes(bytes: number): string {
  if (bytes % MIB === 0) return `${bytes / MIB} MiB`;
  if (bytes % KIB === 0) return `${bytes / KIB} KiB`;
  return `${bytes} bytes`;
}
