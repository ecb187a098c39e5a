/**
 * Runs a Monte Carlo across worker threads. Each run's draw depends on (seed, run index) only;
 * runs with the same draw have the same result, so each distinct draw is evaluated once, by one
 * worker. The values, and the distributions, are identical whatever the number of workers.
 * Workers run the compiled modules in dist/ (nothing is built at run time).
 */
import { Worker } from "node:worker_threads";
import {
  drawOf,
  evaluateDraw,
  MONTE_CARLO_METRICS,
  type MonteCarloPlan,
} from "../engine/scenario/index.js";
import type { Dataset } from "../model/dataset.js";
import { OrebookError } from "../model/errors.js";
import { compiledWorker } from "./compiled-worker.js";

export interface PoolOptions {
  runs: number;
  /** Worker threads; 0 runs in this thread. */
  workers: number;
  onProgress?: (done: number, total: number) => void;
}

/** The compiled worker: beside this module in dist/, or dist/ when running from src/. */
export function workerPath(): string {
  return compiledWorker(
    "monte-carlo-worker.js",
    "The Monte Carlo worker is not built: run npm run build (or use --workers 0)",
  );
}

/** Each run's draw, and the distinct draws in order of first appearance. */
export function drawsFor(
  plan: MonteCarloPlan,
  runs: number,
): { keys: string[]; distinct: Map<string, boolean[]> } {
  const keys: string[] = [];
  const distinct = new Map<string, boolean[]>();
  for (let r = 0; r < runs; r++) {
    const draw = drawOf(plan, r);
    const key = draw.map((b) => (b ? "1" : "0")).join("");
    keys.push(key);
    if (!distinct.has(key)) distinct.set(key, draw);
  }
  return { keys, distinct };
}

/**
 * Runs the plan; resolves to run-major values (`values[run × metrics + m]`). The runs' draws are
 * made here (cheap); the distinct draws are shared out among the workers, which evaluate them
 * (the expensive part); each run then takes its draw's values.
 */
export async function runMonteCarlo(
  dataset: Dataset,
  plan: MonteCarloPlan,
  opts: PoolOptions,
): Promise<{ values: Float64Array; distinctOutcomes: number }> {
  const k = MONTE_CARLO_METRICS.length;
  const { keys, distinct } = drawsFor(plan, opts.runs);
  const draws = [...distinct.values()];
  const byKey = new Map<string, Float64Array>();
  const total = draws.length;
  if (opts.workers <= 0) {
    for (const [i, draw] of draws.entries()) {
      byKey.set([...distinct.keys()][i] as string, evaluateDraw(dataset, plan, draw));
      opts.onProgress?.(i + 1, total);
    }
  } else {
    const path = workerPath();
    const w = Math.max(1, Math.min(opts.workers, total));
    // Round-robin, so each worker gets a like mix of cheap and costly outcomes.
    const shares = Array.from({ length: w }, (_, j) => draws.filter((_, i) => i % w === j));
    const progress = shares.map(() => 0);
    const results = await Promise.all(
      shares.map(
        (share, j) =>
          new Promise<Float64Array>((resolve, reject) => {
            let values: Float64Array | null = null;
            const worker = new Worker(path, { workerData: { dataset, plan, draws: share } });
            worker.on("message", (m: { type: string; done?: number; values?: Float64Array }) => {
              if (m.type === "progress") {
                progress[j] = m.done ?? 0;
                opts.onProgress?.(
                  progress.reduce((s, x) => s + x, 0),
                  total,
                );
              } else if (m.type === "done" && m.values) values = m.values;
            });
            worker.on("error", reject);
            worker.on("exit", (code) =>
              code === 0 && values
                ? resolve(values)
                : reject(
                    new OrebookError("INTERNAL", `A Monte Carlo worker exited with code ${code}`),
                  ),
            );
          }),
      ),
    );
    for (const [j, share] of shares.entries())
      for (const [i, draw] of share.entries())
        byKey.set(
          draw.map((b) => (b ? "1" : "0")).join(""),
          (results[j] as Float64Array).subarray(i * k, i * k + k),
        );
  }
  const values = new Float64Array(opts.runs * k);
  for (const [r, key] of keys.entries()) values.set(byKey.get(key) as Float64Array, r * k);
  return { values, distinctOutcomes: total };
}
