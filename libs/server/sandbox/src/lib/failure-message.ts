// The wording of an errored LF, shared by the worker (which sees the failure) and the host's watchdog
// (which kills a worker stuck where QuickJS cannot interrupt it), so both say the same thing.
import { type CodeLfLimits, formatBytes } from './code-lf.types';

const where = (itemId: string | undefined) => (itemId === undefined ? ' while loading the LF' : ` on item ${itemId}`);

export const timedOut = (limits: CodeLfLimits, itemId?: string) =>
  `timed out after ${limits.timeLimitMs} ms${where(itemId)}`;

export const outOfMemory = (limits: CodeLfLimits, itemId?: string) =>
  `ran out of memory (limit ${formatBytes(limits.memoryLimitBytes)})${where(itemId)}`;

export const stackExhausted = (itemId?: string) => `ran out of stack (too deep a recursion)${where(itemId)}`;

export const threw = (description: string, itemId?: string) => `${description}${where(itemId)}`;

export const badVote = (value: string, k: number, itemId: string) =>
  `returned ${value} on item ${itemId}; a vote must be an integer label in 0..${k - 1} or ABSTAIN (-1)`;

export const batchTimedOut = (ms: number, itemId?: string) =>
  `stopped by the batch wall-clock limit of ${ms} ms${where(itemId)}`;
