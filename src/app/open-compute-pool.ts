/**
 * The compute pool the API server runs its computations on: worker threads running the compiled
 * `compute-worker.js` (beside this module in dist/app, or there when running from src/), one per
 * spare core by default; on this thread when the workers are not built or 0 are asked for.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { ComputePool } from "../runtime/compute-pool.js";
import { COMPUTE_TASKS } from "./compute-tasks.js";

export type AppComputePool = ComputePool<typeof COMPUTE_TASKS>;

/** The compiled worker module, or undefined when it is not built. */
export function computeWorkerPath(): string | undefined {
  const here = fileURLToPath(new URL("./compute-worker.js", import.meta.url));
  if (existsSync(here)) return here;
  const dist = fileURLToPath(new URL("../../dist/app/compute-worker.js", import.meta.url));
  return existsSync(dist) ? dist : undefined;
}

export interface ComputePoolSettings {
  /** Worker threads (default: the cores less one, at least one); 0 computes on this thread. */
  workers?: number | undefined;
  /** Computations that may wait for a worker (default 64). */
  queue?: number | undefined;
}

/** The pool, with workers when they are built. */
export function openComputePool(settings: ComputePoolSettings = {}): AppComputePool {
  const script = computeWorkerPath();
  const workers = script ? (settings.workers ?? Math.max(1, availableParallelism() - 1)) : 0;
  return new ComputePool({
    workers,
    script,
    tasks: COMPUTE_TASKS,
    ...(settings.queue === undefined ? {} : { queue: settings.queue }),
  });
}
