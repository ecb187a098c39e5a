/**
 * The worker thread a job runs in: it receives the job kind, its checked parameters and the
 * dataset, runs the computation off the server's event loop at the lowest CPU priority, and
 * posts progress (at most every 100 ms) and then the result or a problem.
 */
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import type { Dataset } from "../../model/dataset.js";
import { type Issue, OrebookError } from "../../model/errors.js";
import { type ImportTaskName, runImportTask } from "./import-tasks.js";
import { isJobKind, JOB_KINDS, type Progress } from "./job-kinds.js";

export interface WorkerInput {
  kind: string;
  params: unknown;
  dataset: Dataset;
  /** A task the server asked for (`import-tasks.ts`): runs instead of the kind. */
  task?: ImportTaskName;
}

export type WorkerMessage =
  | { type: "progress"; done: number; total: number; message: string }
  | { type: "result"; result: unknown }
  | { type: "error"; code: string; detail: string; issues: Issue[] };

const port = parentPort;
const input = workerData as WorkerInput;
if (port) {
  // Jobs yield the CPU to the server's event loop. On Linux the nice value belongs to the calling
  // thread (NPTL), so this lowers this worker (and the threads it starts) only; elsewhere it
  // would lower the whole server, so it is left alone. An import holds the store's write lock
  // while it runs (this process's writes wait for it), so it is lowered less than a computation.
  if (process.platform === "linux")
    try {
      setPriority(input.task === undefined ? 19 : 10);
    } catch {
      // Not permitted: the job runs at the server's priority.
    }
  const post = (m: WorkerMessage) => port.postMessage(m);
  let last = 0;
  const progress: Progress = (done, total, message) => {
    const now = Date.now();
    if (now - last < 100 && done < total) return;
    last = now;
    post({ type: "progress", done, total, message });
  };
  const run = async () => {
    if (input.task !== undefined) return await runImportTask(input.task, input.params, progress);
    if (!isJobKind(input.kind)) throw new OrebookError("NOT_FOUND", `No job kind ${input.kind}`);
    const kind = JOB_KINDS[input.kind];
    const params = kind.params.parse(input.params);
    if (!("run" in kind))
      throw new OrebookError("BAD_INPUT", `A ${input.kind} job runs as the server's task`);
    return await (kind.run as (i: unknown, p: Progress) => unknown)(
      { dataset: input.dataset, params },
      progress,
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
              // Each problem keeps where it is (file, line, column, record), plain data only.
              issues: e.issues.slice(0, 100).map(plainIssue),
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

/** An issue as plain data a message can carry. */
function plainIssue(i: Issue): Issue {
  return {
    ...(i.file === undefined ? {} : { file: i.file }),
    ...(i.line === undefined ? {} : { line: i.line }),
    ...(i.column === undefined ? {} : { column: i.column }),
    ...(i.record === undefined ? {} : { record: i.record }),
    path: [...i.path],
    message: i.message,
    ...(i.severity === undefined ? {} : { severity: i.severity }),
    ...(i.check === undefined ? {} : { check: i.check }),
  };
}
