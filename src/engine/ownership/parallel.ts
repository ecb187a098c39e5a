/**
 * A second thread for the engine's large loops, injected by the caller: the engine starts no
 * thread and reads no environment. `src/runtime/engine-helper.ts` gives a worker thread over shared
 * memory; `SERIAL` (the default everywhere) runs every kernel on the calling thread.
 *
 * A caller splits a loop in two halves that write disjoint parts of shared arrays: it `fork`s
 * the second half to the helper, runs the first itself, then `join`s. Every kernel is a pure
 * function of its arguments (`kernels.ts`), so both halves run the same code, and the result is
 * the one a single thread gives, bit for bit.
 */
import { KERNELS, type KernelArgs, type KernelName } from "./kernels.js";

export interface Parallel {
  /** 2 when a helper thread runs forked kernels, 1 when they run inline. */
  readonly threads: number;
  /**
   * Graphs with fewer stakes are built and solved on the calling thread alone: below about a
   * million stakes forking costs more than it saves (at 100,000 entities, 200,000 stakes, two
   * threads were slower than one).
   */
  readonly minStakes: number;
  /** Arrays the helper can see (backed by a SharedArrayBuffer when threads > 1), zeroed. */
  i32(n: number): Int32Array;
  f64(n: number): Float64Array;
  u8(n: number): Uint8Array;
  /** Starts `KERNELS[name](args)` on the helper; at most one kernel runs there at a time. */
  fork<K extends KernelName>(name: K, args: KernelArgs[K]): void;
  /** Waits for the forked kernel and returns its result; rethrows its error. */
  join(): number;
}

/** Zeroed arrays in shared memory: what a helper's `i32` / `f64` / `u8` give (no thread needed). */
export const sharedArrays = {
  i32: (n: number): Int32Array => new Int32Array(new SharedArrayBuffer(4 * n)),
  f64: (n: number): Float64Array => new Float64Array(new SharedArrayBuffer(8 * n)),
  u8: (n: number): Uint8Array => new Uint8Array(new SharedArrayBuffer(n)),
};

const plainArrays = {
  i32: (n: number): Int32Array => new Int32Array(n),
  f64: (n: number): Float64Array => new Float64Array(n),
  u8: (n: number): Uint8Array => new Uint8Array(n),
};

/**
 * Runs forked kernels inline, at `fork` (their error surfaces at `join`, as with a helper).
 * By default one thread (`SERIAL`). With `threads: 2` and `shared` it takes every two-thread
 * path on the calling thread, the forked half first: what tests use to hold the split halves to
 * one pass (`onFork` sees each kernel forked, with its arguments).
 */
export function inlineParallel(
  opts: {
    threads?: number;
    minStakes?: number;
    shared?: boolean;
    onFork?: (name: KernelName, args: unknown) => void;
  } = {},
): Parallel {
  let result = 0;
  let error: unknown;
  let pending = false;
  const shared = opts.shared === true;
  return {
    threads: opts.threads ?? 1,
    minStakes: opts.minStakes ?? Number.POSITIVE_INFINITY,
    ...(shared ? sharedArrays : plainArrays),
    fork(name, args) {
      opts.onFork?.(name, args);
      pending = true;
      error = undefined;
      try {
        result = (KERNELS[name] as (a: typeof args) => number)(args);
      } catch (e) {
        error = e;
      }
    },
    join() {
      if (!pending) return 0;
      pending = false;
      if (error !== undefined) throw error;
      return result;
    },
  };
}

export const SERIAL: Parallel = inlineParallel();

/**
 * Runs the second half on the helper (`name`, `second`) and `first` here; returns both results.
 * An error in the first half wins over one in the second, as in a single pass.
 */
export function inHalves<K extends KernelName>(
  par: Parallel,
  name: K,
  second: KernelArgs[K],
  first: () => number,
): [number, number] {
  par.fork(name, second);
  let a: number;
  try {
    a = first();
  } catch (e) {
    try {
      par.join();
    } catch {
      // the first half's error is the one to report
    }
    throw e;
  }
  return [a, par.join()];
}

/** The index in from..to at which the prefix sums `start` reach half of their range. */
export function splitAt(start: Int32Array, from: number, to: number): number {
  const target = ((start[from] as number) + (start[to] as number)) / 2;
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((start[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
