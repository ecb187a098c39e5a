/**
 * A compute pool's worker (see src/runtime/compute-pool.ts): answers the app's computations
 * (compute-tasks.ts) off the server's event loop. Loaded from dist/ by `computeWorkerPath`.
 */
import { serveComputeTasks } from "../runtime/compute-pool.js";
import { COMPUTE_TASKS } from "./compute-tasks.js";

serveComputeTasks(COMPUTE_TASKS);
