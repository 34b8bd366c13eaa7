// Memory figures for benchmarks: peak V8 heap + external growth and peak RSS growth during one call.
// The method of bench/agreement.bench.ts (plus a second GC before measuring), so the tables compare.
import { readFileSync, writeFileSync } from 'node:fs';
import { GCProfiler, getHeapStatistics } from 'node:v8';

export const MB = 2 ** 20;

// `npm run bench` starts node with --expose-gc; run another way, memory deltas include earlier garbage.
export const gc: (() => void) | null = typeof globalThis.gc === 'function' ? globalThis.gc : null;

function statusKb(field: 'VmRSS' | 'VmHWM'): number {
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))![1]);
}

/** Writing 5 to clear_refs resets VmHWM (peak RSS) to the current RSS (Linux ≥ 4.0). */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

const heapInUse = (s: { usedHeapSize: number; externalMemory: number }) => s.usedHeapSize + s.externalMemory;
export const heapNow = (): number => {
  const s = getHeapStatistics();
  return s.used_heap_size + s.external_memory;
};

/** Peak growth of V8 heap + external memory (highest before any GC in the call, or after it) and of peak RSS. */
export function peakGrowth(fn: () => unknown): { heapMb: number; rssMb: number | null } {
  // Twice: array buffers a GC finds dead are freed by a concurrent sweeper, which the next GC waits for; without
  // it a call after one that dropped large typed arrays can show negative growth.
  gc?.();
  gc?.();
  const rssReset = resetPeakRss();
  const rss0 = statusKb('VmRSS');
  const heap0 = heapNow();
  const profiler = new GCProfiler();
  profiler.start();
  fn();
  const { statistics } = profiler.stop();
  const peak = Math.max(heapNow(), ...statistics.map((s) => heapInUse(s.beforeGC.heapStatistics)));
  return { heapMb: (peak - heap0) / MB, rssMb: rssReset ? (statusKb('VmHWM') - rss0) / 1024 : null };
}
