/**
 * A Monte Carlo worker: evaluates the draws it is given with the pure engine function and posts
 * the values back, with progress after each draw. Loaded from dist/ by the pool.
 */
import { parentPort, workerData } from "node:worker_threads";
import { evaluateDraw, type MonteCarloPlan } from "../engine/scenario/index.js";
import type { Dataset } from "../model/dataset.js";

interface Job {
  dataset: Dataset;
  plan: MonteCarloPlan;
  draws: boolean[][];
}

const job = workerData as Job;
const values: number[] = [];
for (const [i, draw] of job.draws.entries()) {
  values.push(...evaluateDraw(job.dataset, job.plan, draw));
  parentPort?.postMessage({ type: "progress", done: i + 1 });
}
parentPort?.postMessage({ type: "done", values: Float64Array.from(values) });
