// A fresh QuickJS WebAssembly instance whose linear memory cannot grow past a cap. QuickJS's own
// setMemoryLimit is not enough in the prebuilt wasm: with no malloc_usable_size under Emscripten it bounds
// each allocation, not the total (quickjs-emscripten#271), so `while(1) a.push(new Array(1e6).fill(1))`
// would grow to 2 GiB. A Memory with a `maximum` makes malloc fail instead, which QuickJS turns into
// "InternalError: out of memory" — the instance survives and is simply dropped afterwards.
import {
  DEBUG_SYNC,
  RELEASE_SYNC,
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSWASMModule,
} from 'quickjs-emscripten';

// lib is ES2023 without DOM, so the global WebAssembly namespace has no types; this is the part we use.
declare const WebAssembly: {
  Memory: new (descriptor: { initial: number; maximum: number }) => { readonly buffer: ArrayBuffer };
};

const PAGE_BYTES = 65536;
/** The builds' INITIAL_MEMORY; their memory import refuses anything smaller. It includes a 5 MiB C stack. */
export const BASE_MEMORY_BYTES = 16 * 1024 * 1024;
// The builds declare a 2 GiB maximum; ours may not exceed it.
const MAX_PAGES = 32768;
// The debug build runs LeakSanitizer, whose own allocator needs ~55 MiB more from the start and aborts
// (rather than failing a malloc) when memory runs out: it is for leak checks, not for memory bombs.
const DEBUG_EXTRA_BYTES = 256 * 1024 * 1024;
// Of the base, about 10 MiB is still free once the engine is up (measured on 0.31); most of it counts
// towards the LF's allowance, so that a 32 MiB limit means about 32 MiB rather than 42.
const BASE_FREE_BYTES = 8 * 1024 * 1024;
// Always leave room to grow, so that headroom() means something even for the smallest limits.
const MIN_GROWTH_BYTES = 2 * 1024 * 1024;

export interface CappedQuickJs {
  module: QuickJSWASMModule;
  /** Bytes the memory may still grow by; when small, the host's own next allocation may fail. */
  headroom(): number;
}

/** `extraBytes`: what the LF and its items may take beyond the engine itself. */
export async function newCappedQuickJs(extraBytes: number, debugBuild: boolean): Promise<CappedQuickJs> {
  const initial = BASE_MEMORY_BYTES / PAGE_BYTES;
  const extra = Math.max(MIN_GROWTH_BYTES, extraBytes - BASE_FREE_BYTES) + (debugBuild ? DEBUG_EXTRA_BYTES : 0);
  const maximum = Math.min(MAX_PAGES, initial + Math.ceil(extra / PAGE_BYTES));
  const memory = new WebAssembly.Memory({ initial, maximum });
  const variant = newVariant(debugBuild ? DEBUG_SYNC : RELEASE_SYNC, { wasmMemory: memory });
  const module = await newQuickJSWASMModuleFromVariant(variant);
  return { module, headroom: () => maximum * PAGE_BYTES - memory.buffer.byteLength };
}
