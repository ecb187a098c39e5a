/**
 * A second thread for the engine (`engine/ownership/parallel.ts`): a worker (`engine-worker.ts`, run from
 * dist/ as the Monte Carlo workers are) that runs the engine's kernels on shared memory. `fork`
 * posts a kernel and its arguments (typed arrays over SharedArrayBuffers are shared, not
 * copied); `join` blocks on a shared flag until the worker is done (`Atomics.wait`), so the
 * engine's functions stay synchronous.
 *
 * @example
 * const helper = await startHelper();
 * const g = ownershipGraphFromIndexed(ids, indexOf, stakes, { parallel: helper });
 * await helper.close();
 */
import { availableParallelism } from "node:os";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { KernelArgs, KernelName } from "../engine/ownership/index.js";
import { type Parallel, sharedArrays } from "../engine/ownership/index.js";
import { type ErrorCode, OrebookError } from "../model/errors.js";
import { compiledWorker } from "./compiled-worker.js";

export interface Helper extends Parallel {
  /** Stops the worker (the process may also exit with it running: it holds no event loop). */
  close(): Promise<void>;
}

/** Allocation in shared memory, as the helper's `i32` / `f64` / `u8` (usable before it starts). */
export { sharedArrays };

/** The helper's `minStakes` (see `Parallel`). */
export const HELPER_MIN_STAKES = 1 << 20;

/** Whether a helper thread can run beside this one (more than one core). */
export function canUseHelper(): boolean {
  return availableParallelism() > 1;
}

/** The compiled worker: beside this module in dist/, or dist/ when running from src/. */
function workerPath(): string {
  return compiledWorker(
    "engine-worker.js",
    "The engine's helper thread is not built: run npm run build (or use --threads 1)",
  );
}

/** Starts the worker; resolves once it is running. `minStakes`: see `Parallel` (tests lower it). */
export async function startHelper(opts: { minStakes?: number } = {}): Promise<Helper> {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const result = new Float64Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(workerPath(), {
    workerData: { flag, result, replies: port2 },
    transferList: [port2],
  });
  await new Promise<void>((resolve, reject) => {
    worker.once("online", resolve);
    worker.once("error", reject);
  });
  // Once running, the worker does not keep the process alive (nor does its reply port).
  worker.unref();
  port1.unref();
  let pending = false;
  let closed = false;
  return {
    threads: 2,
    minStakes: opts.minStakes ?? HELPER_MIN_STAKES,
    ...sharedArrays,
    fork<K extends KernelName>(name: K, args: KernelArgs[K]) {
      if (closed) throw new OrebookError("INTERNAL", "The helper thread is closed");
      if (pending) throw new OrebookError("INTERNAL", "The helper thread is already busy");
      // An array outside shared memory would reach the worker as a copy: what the kernel
      // writes there would be lost.
      for (const [key, value] of Object.entries(args)) {
        const arrays = Array.isArray(value) ? value : [value];
        for (const a of arrays) {
          if (ArrayBuffer.isView(a) && !(a.buffer instanceof SharedArrayBuffer)) {
            throw new OrebookError(
              "INTERNAL",
              `Kernel ${name}: argument ${key} is not in shared memory`,
            );
          }
        }
      }
      Atomics.store(flag, 0, 0);
      pending = true;
      worker.postMessage({ name, args });
    },
    join() {
      if (!pending) return 0;
      pending = false;
      // The worker catches every kernel's error, so it always answers, and wakes us at once.
      while (Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0);
      if (Atomics.load(flag, 0) === 2) {
        const reply = receiveMessageOnPort(port1)?.message as
          | { code: string; message: string }
          | undefined;
        throw new OrebookError(
          (reply?.code ?? "INTERNAL") as ErrorCode,
          reply?.message ?? "The helper thread failed",
        );
      }
      return result[0] as number;
    },
    async close() {
      closed = true;
      port1.close();
      await worker.terminate();
    },
  };
}
