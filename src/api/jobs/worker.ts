/**
 * The worker thread a job runs in: it receives the job kind, its checked parameters and the
 * dataset, runs the computation off the server's event loop at the lowest CPU priority, and
 * posts progress (at most every 100 ms) and then the result or a problem.
 */
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import type { Dataset } from "../../model/dataset.js";
import { type Issue, OrebookError } from "../../model/errors.js";
import { isJobKind, JOB_KINDS, type Progress } from "./job-kinds.js";

export interface WorkerInput {
  kind: string;
  params: unknown;
  dataset: Dataset;
}

export type WorkerMessage =
  | { type: "progress"; done: number; total: number; message: string }
  | { type: "result"; result: unknown }
  | { type: "error"; code: string; detail: string; issues: Issue[] };

const port = parentPort;
if (port) {
  // Jobs yield the CPU to the server's event loop. On Linux the nice value belongs to the calling
  // thread (NPTL), so this lowers this worker (and the threads it starts) only; elsewhere it
  // would lower the whole server, so it is left alone.
  if (process.platform === "linux")
    try {
      setPriority(19);
    } catch {
      // Not permitted: the job runs at the server's priority.
    }
  const input = workerData as WorkerInput;
  const post = (m: WorkerMessage) => port.postMessage(m);
  let last = 0;
  const run = async () => {
    if (!isJobKind(input.kind)) throw new OrebookError("NOT_FOUND", `No job kind ${input.kind}`);
    const kind = JOB_KINDS[input.kind];
    const params = kind.params.parse(input.params);
    return await (kind.run as (i: unknown, p: Progress) => unknown)(
      { dataset: input.dataset, params },
      (done, total, message) => {
        const now = Date.now();
        if (now - last < 100 && done < total) return;
        last = now;
        post({ type: "progress", done, total, message });
      },
    );
  };
  run().then(
    (result) => post({ type: "result", result }),
    (e: unknown) => {
      post(
        e instanceof OrebookError && e.code !== "INTERNAL"
          ? {
              type: "error",
              code: e.code,
              detail: e.message,
              issues: e.issues.slice(0, 100).map((i) => ({ path: i.path, message: i.message })),
            }
          : {
              type: "error",
              code: "INTERNAL",
              detail: "The job failed inside its worker",
              issues: [],
            },
      );
      if (!(e instanceof OrebookError)) process.stderr.write(`orebook job worker: ${String(e)}\n`);
    },
  );
}
