// Code labeling functions in a real sandbox: QuickJS compiled to WebAssembly, run in worker threads, with
// per-item time limits, a memory cap and no host objects. See README.md for the guarantees and their limits.
export { CodeLf, compileCodeLf, type EvaluateOptions } from './lib/code-lf.sandbox';
export { SandboxPool, SLICE_MS } from './lib/sandbox-pool';
export { CodeLfError, CodeLfErrorCode } from './lib/code-lf.error';
export {
  ABSTAIN,
  DEFAULT_MEMORY_LIMIT_BYTES,
  DEFAULT_STACK_LIMIT_BYTES,
  DEFAULT_TIME_LIMIT_MS,
  MAX_CLASSES,
  MAX_SOURCE_LENGTH,
  type CodeLfFailure,
  type CodeLfItem,
  type CodeLfLimits,
  type CodeLfOptions,
  type CodeLfResult,
} from './lib/code-lf.types';
