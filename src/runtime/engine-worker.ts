/**
 * The helper thread's side (see `engine-helper.ts`): runs one engine kernel per message over the
 * shared arrays it names, then wakes the waiting thread through the shared flag. A kernel's
 * error goes back on the reply port, read synchronously by the waiting thread.
 */
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { KERNELS, type KernelName } from "../engine/ownership/index.js";

interface Job {
  name: KernelName;
  args: never;
}

const { flag, result, replies } = workerData as {
  flag: Int32Array;
  result: Float64Array;
  replies: MessagePort;
};

parentPort?.on("message", (job: Job) => {
  let state = 1;
  try {
    result[0] = KERNELS[job.name](job.args);
  } catch (e) {
    state = 2;
    const err = e as { code?: unknown; message?: unknown; stack?: unknown };
    replies.postMessage({
      code: typeof err.code === "string" ? err.code : "INTERNAL",
      message: typeof err.message === "string" ? err.message : String(e),
    });
  }
  Atomics.store(flag, 0, state);
  Atomics.notify(flag, 0);
});
