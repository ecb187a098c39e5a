/**
 * Runs jobs in worker threads, never on the event loop: a job is queued, started when a
 * worker slot is free, reports progress to its listeners (the SSE stream), and ends done,
 * failed or cancelled (its worker terminated). Jobs live in this process's memory: a job is
 * seen through the server that runs it.
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type Dataset, emptyDataset } from "../../model/dataset.js";
import { type Issue, OrebookError } from "../../model/errors.js";
import { httpError } from "../problem.js";
import type { ImportTaskName } from "./import-tasks.js";
import type { WorkerInput, WorkerMessage } from "./worker.js";

export type JobState = "queued" | "running" | "done" | "failed" | "cancelled";

export interface JobProgress {
  done: number;
  total: number;
  message: string;
}

export type JobEvent =
  | { type: "progress"; progress: JobProgress }
  | { type: "state"; state: JobState };

export interface Job {
  id: string;
  kind: string;
  /** The token that submitted it; only it (and admins) may see it. */
  owner: string | null;
  state: JobState;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: JobProgress;
  error: { code: string; detail: string } | null;
  /** The failed job's problems, each with its path under the request (not in the status). */
  issues?: Issue[];
  result?: unknown;
}

interface Entry {
  job: Job;
  input: WorkerInput;
  worker?: Worker;
  listeners: Set<(e: JobEvent) => void>;
  finish?: (result: unknown) => Promise<unknown>;
  /** The worker has posted its result (it may exit while `finish` runs). */
  answered?: boolean;
  /** A job that runs on the server's thread (`submitLocal`) instead of in a worker. */
  local?: LocalJob;
  /** Aborted when a local job is cancelled. */
  abort?: AbortController;
  /** Called once when the job ends, however it ends (queued jobs cancelled included). */
  cleanup?: () => void;
  /** What the worker is started inside (see `TaskOptions.gate`). */
  gate?: (start: () => Promise<void>) => Promise<unknown>;
}

/** How a server task (`submitTask`) runs. */
export interface TaskOptions {
  /** Run on the server's thread once the worker has answered; its value is the job's result. */
  finish?: JobFinish;
  /** Called once when the job ends, however it ends. */
  cleanup?: () => void;
  /**
   * The worker starts inside `gate` and `start` resolves once the worker has exited, however
   * it ends (an import runs as the store's one writer of this process: `Ledger.exclusive`).
   */
  gate?: (start: () => Promise<void>) => Promise<unknown>;
}

/**
 * A job run on the server's thread, for work that is mostly the store's (a streaming import
 * writes as it reads): it reports progress, and stops at its next progress call once `signal`
 * is aborted (the job was cancelled).
 */
export type LocalJob = (
  progress: (done: number, total: number, message: string) => void,
  signal: AbortSignal,
) => Promise<unknown>;

/**
 * What a job does on the server's thread once its worker has answered (an import writes the
 * parsed records through the ledger); its return value becomes the job's result.
 */
export type JobFinish = (result: unknown) => Promise<unknown>;

/** The compiled worker: beside this module in dist/, or dist/ of the repository from src/. */
export function workerScriptPath(): string | undefined {
  const here = fileURLToPath(new URL("./worker.js", import.meta.url));
  if (existsSync(here)) return here;
  const built = fileURLToPath(new URL("../../../dist/api/jobs/worker.js", import.meta.url));
  return existsSync(built) ? built : undefined;
}

export interface JobRunnerOptions {
  /** Jobs running at once (default: the cores less one, at least one). */
  concurrency?: number;
  /** Finished jobs kept for their result (default 200). */
  keep?: number;
  /** The worker script (default `workerScriptPath()`). */
  script?: string;
}

export class JobRunner {
  private readonly entries = new Map<string, Entry>();
  private readonly queue: string[] = [];
  private running = 0;
  private readonly concurrency: number;
  private readonly keep: number;
  private readonly script: string | undefined;

  constructor(opts: JobRunnerOptions = {}) {
    this.concurrency = opts.concurrency ?? Math.max(1, availableParallelism() - 1);
    this.keep = opts.keep ?? 200;
    this.script = opts.script ?? workerScriptPath();
  }

  /** Queues a job (parameters already checked) and starts it when a slot is free. */
  submit(
    kind: string,
    params: unknown,
    dataset: Dataset,
    owner: string | null,
    finish?: JobFinish,
  ): Job {
    return this.enqueue(kind, owner, { kind, params, dataset }, finish ? { finish } : {});
  }

  /**
   * Queues a task the server itself asks for (an import written through a connection of the
   * worker's own: `import-tasks.ts`), never a kind a caller names: it runs in a worker like
   * every job, in the same slots, with progress and cancel (the worker is terminated).
   */
  submitTask(
    task: ImportTaskName,
    kind: string,
    params: unknown,
    owner: string | null,
    opts: TaskOptions = {},
  ): Job {
    return this.enqueue(kind, owner, { kind, task, params, dataset: emptyDataset() }, opts);
  }

  /** A job for `input`, queued and started when a slot is free (jobs and tasks alike). */
  private enqueue(
    kind: string,
    owner: string | null,
    input: Entry["input"],
    opts: TaskOptions,
  ): Job {
    if (!this.script)
      throw httpError(
        "UNAVAILABLE",
        "Job workers are not built on this server: run npm run build, then restart it",
      );
    const job = queuedJob(kind, owner);
    this.entries.set(job.id, {
      job,
      input,
      listeners: new Set(),
      ...(opts.finish ? { finish: opts.finish } : {}),
      ...(opts.cleanup ? { cleanup: opts.cleanup } : {}),
      ...(opts.gate ? { gate: opts.gate } : {}),
    });
    this.queue.push(job.id);
    this.prune();
    this.pump();
    return job;
  }

  /** True when jobs can start workers (the worker is built). */
  get hasWorkers(): boolean {
    return this.script !== undefined;
  }

  /**
   * Queues a job that runs on the server's thread (see `LocalJob`) in the same slots as the
   * workers; `cleanup` is called once when it ends, whether it ran, failed or was cancelled.
   */
  submitLocal(kind: string, owner: string | null, run: LocalJob, cleanup?: () => void): Job {
    const job = queuedJob(kind, owner);
    this.entries.set(job.id, {
      job,
      input: { kind, params: undefined, dataset: emptyDataset() },
      listeners: new Set(),
      local: run,
      ...(cleanup ? { cleanup } : {}),
    });
    this.queue.push(job.id);
    this.prune();
    this.pump();
    return job;
  }

  /** The jobs `owner` has queued or running. */
  active(owner: string | null): number {
    let n = 0;
    for (const e of this.entries.values())
      if (e.job.owner === owner && (e.job.state === "queued" || e.job.state === "running")) n++;
    return n;
  }

  get(id: string): Job | undefined {
    return this.entries.get(id)?.job;
  }

  /** Resolves with the job once it has ended (done, failed or cancelled). */
  settled(id: string): Promise<Job | undefined> {
    const e = this.entries.get(id);
    if (!e) return Promise.resolve(undefined);
    if (e.job.state !== "queued" && e.job.state !== "running") return Promise.resolve(e.job);
    return new Promise((ok) => {
      const off = this.listen(id, (ev) => {
        if (ev.type === "state" && ev.state !== "queued" && ev.state !== "running") {
          off();
          ok(e.job);
        }
      });
    });
  }

  /** Listens to a job's events until it ends; returns the unsubscribe function. */
  listen(id: string, fn: (e: JobEvent) => void): () => void {
    const e = this.entries.get(id);
    if (!e) return () => {};
    e.listeners.add(fn);
    return () => e.listeners.delete(fn);
  }

  /** Cancels a queued or running job (terminating its worker); a finished job is left as is. */
  async cancel(id: string): Promise<Job | undefined> {
    const e = this.entries.get(id);
    if (!e) return undefined;
    if (e.job.state === "queued") {
      const i = this.queue.indexOf(id);
      if (i >= 0) this.queue.splice(i, 1);
      this.finish(e, "cancelled");
    } else if (e.job.state === "running") {
      const w = e.worker;
      e.abort?.abort();
      this.finish(e, "cancelled");
      await w?.terminate();
    }
    return e.job;
  }

  /** Terminates every worker (server shutdown). */
  async close(): Promise<void> {
    this.queue.length = 0;
    await Promise.all([...this.entries.keys()].map((id) => this.cancel(id)));
  }

  private emit(e: Entry, ev: JobEvent): void {
    for (const fn of e.listeners) fn(ev);
  }

  private finish(e: Entry, state: JobState): void {
    if (e.job.state !== "running" && e.job.state !== "queued") return;
    if (e.job.state === "running") this.running--;
    e.job.state = state;
    e.job.finishedAt = new Date().toISOString();
    delete e.worker;
    const cleanup = e.cleanup;
    delete e.cleanup;
    try {
      cleanup?.();
    } catch (err) {
      process.stderr.write(`orebook job ${e.job.id}: cleanup: ${String(err)}\n`);
    }
    // The dataset and parameters (an import's content) are not needed once the job has ended.
    e.input = { kind: e.input.kind, params: undefined, dataset: emptyDataset() };
    this.emit(e, { type: "state", state });
    e.listeners.clear();
    queueMicrotask(() => this.pump());
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const id = this.queue.shift() as string;
      const e = this.entries.get(id);
      if (!e || e.job.state !== "queued") continue;
      this.start(e);
    }
  }

  private start(e: Entry): void {
    this.running++;
    e.job.state = "running";
    e.job.startedAt = new Date().toISOString();
    e.job.progress = { done: 0, total: 0, message: "started" };
    this.emit(e, { type: "state", state: "running" });
    if (e.local) {
      this.startLocal(e, e.local);
      return;
    }
    const gate = e.gate;
    delete e.gate;
    if (!gate) {
      this.startWorker(e);
      return;
    }
    gate(() => {
      // Cancelled while it waited: no worker starts.
      if (e.job.state !== "running") return Promise.resolve();
      const w = this.startWorker(e);
      return new Promise<void>((ok) => w.once("exit", () => ok()));
    }).catch((err: unknown) => {
      if (e.job.state !== "running") return;
      e.job.error = { code: "INTERNAL", detail: "The job could not start its worker" };
      process.stderr.write(`orebook job ${e.job.id}: ${String(err)}\n`);
      this.finish(e, "failed");
    });
  }

  private startWorker(e: Entry): Worker {
    const w = new Worker(this.script as string, { workerData: e.input });
    // The worker has its copy: the server keeps neither the parameters (an import's content)
    // nor the dataset while the job runs.
    e.input = { kind: e.input.kind, params: undefined, dataset: emptyDataset() };
    e.worker = w;
    w.on("message", (m: WorkerMessage) => {
      if (e.job.state !== "running") return;
      if (m.type === "progress") {
        e.job.progress = { done: m.done, total: m.total, message: m.message };
        this.emit(e, { type: "progress", progress: e.job.progress });
      } else if (m.type === "result") {
        e.answered = true;
        const done = (result: unknown) => {
          if (e.job.state !== "running") return;
          e.job.result = result;
          if (e.job.progress.total > 0)
            e.job.progress = { ...e.job.progress, done: e.job.progress.total, message: "done" };
          this.finish(e, "done");
        };
        if (!e.finish) return done(m.result);
        e.job.progress = { ...e.job.progress, message: "writing" };
        this.emit(e, { type: "progress", progress: e.job.progress });
        e.finish(m.result).then(done, (err: unknown) => {
          if (e.job.state !== "running") return;
          const known = err instanceof OrebookError && err.code !== "INTERNAL";
          e.job.error = known
            ? { code: err.code, detail: err.message }
            : { code: "INTERNAL", detail: "The job failed while writing its result" };
          if (known && err.issues.length > 0) e.job.issues = [...err.issues].slice(0, 100);
          if (!known) process.stderr.write(`orebook job ${e.job.id}: ${String(err)}\n`);
          this.finish(e, "failed");
        });
      } else {
        e.job.error = { code: m.code, detail: m.detail };
        if (m.issues.length > 0) e.job.issues = m.issues;
        this.finish(e, "failed");
      }
    });
    w.on("error", () => {
      if (e.job.state !== "running") return;
      e.job.error = { code: "INTERNAL", detail: "The job's worker stopped with an error" };
      this.finish(e, "failed");
    });
    w.on("exit", () => {
      if (e.job.state !== "running" || e.answered) return;
      e.job.error = { code: "INTERNAL", detail: "The job's worker exited before it answered" };
      this.finish(e, "failed");
    });
    return w;
  }

  private startLocal(e: Entry, run: LocalJob): void {
    const abort = new AbortController();
    e.abort = abort;
    // A running job cleans up once its work has stopped, not when it is cancelled.
    const cleanup = e.cleanup;
    delete e.cleanup;
    let last = 0;
    const progress = (done: number, total: number, message: string) => {
      if (abort.signal.aborted) throw new OrebookError("CONFLICT", `Job ${e.job.id} was cancelled`);
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      e.job.progress = { done, total, message };
      this.emit(e, { type: "progress", progress: e.job.progress });
    };
    // Started on a later turn, so the submitter has the job before its first event.
    Promise.resolve()
      .then(() => run(progress, abort.signal))
      .finally(() => {
        try {
          cleanup?.();
        } catch (err) {
          process.stderr.write(`orebook job ${e.job.id}: cleanup: ${String(err)}\n`);
        }
      })
      .then(
        (result) => {
          if (e.job.state !== "running") return;
          e.job.result = result;
          if (e.job.progress.total > 0)
            e.job.progress = { ...e.job.progress, done: e.job.progress.total, message: "done" };
          this.finish(e, "done");
        },
        (err: unknown) => {
          if (e.job.state !== "running") return;
          const known = err instanceof OrebookError && err.code !== "INTERNAL";
          e.job.error = known
            ? { code: err.code, detail: err.message }
            : { code: "INTERNAL", detail: "The job failed" };
          if (known && err.issues.length > 0) e.job.issues = [...err.issues].slice(0, 100);
          if (!known) process.stderr.write(`orebook job ${e.job.id}: ${String(err)}\n`);
          this.finish(e, "failed");
        },
      );
  }

  private prune(): void {
    const ended = [...this.entries.values()].filter(
      (e) => e.job.state !== "queued" && e.job.state !== "running",
    );
    for (const e of ended.slice(0, Math.max(0, ended.length - this.keep)))
      this.entries.delete(e.job.id);
  }
}

/** A new job of `kind` for `owner`, queued now and not yet started. */
function queuedJob(kind: string, owner: string | null): Job {
  return {
    id: randomUUID(),
    kind,
    owner,
    state: "queued",
    createdAt: new Date().toISOString(),
    startedAt: null,
    finishedAt: null,
    progress: { done: 0, total: 0, message: "queued" },
    error: null,
  };
}
