/**
 * A bounded pool of worker threads for computations a request waits for (the API's scenario
 * evaluations and the reports it has not cached): the server's event loop only queues them and
 * sends the answer, so a slow computation never holds up the reads of other callers.
 *
 * A task names the snapshots it reads (a key and the dataset) and its parameters; the pool sends
 * a worker each dataset once (the worker keeps the last few by key, with a memo for the worlds it
 * builds from them) and gets back the answer as JSON bytes. At most `workers` tasks run at once;
 * up to `queue` more wait; past that a task is refused UNAVAILABLE. Each task has a deadline: a
 * task still waiting then is dropped, a task still running has its worker terminated (a new one
 * starts for the next task), and either way it fails UNAVAILABLE with a message that says so.
 * With `workers: 0` the tasks run on the calling thread (nothing to interrupt: a task that ends
 * past its deadline is still refused).
 *
 * The worker side is `serveComputeTasks` (the app's worker module calls it with its tasks).
 *
 * @example
 * const pool = new ComputePool({ workers: 1, script: "dist/app/compute-worker.js" });
 * const bytes = await pool.run("report-control", [{ key, dataset }], { asOf, commodity }, { deadline: Date.now() + 30_000 });
 */
import { setPriority } from "node:os";
import { parentPort, Worker, workerData } from "node:worker_threads";
import type { Dataset } from "../model/dataset.js";
import { type ErrorCode, type Issue, OrebookError } from "../model/errors.js";

/** A dataset a task reads, under the key that names its snapshot. */
export interface ComputeSnapshot {
  key: string;
  dataset: Dataset;
}

/** What a task sees of a snapshot: the dataset and a memo kept with it (worlds built from it). */
export interface TaskSnapshot {
  key: string;
  dataset: Dataset;
  memo: Map<string, unknown>;
}

/** A task: the snapshots it reads, in the order given, and its parameters; any JSON result. */
// biome-ignore lint/suspicious/noExplicitAny: each task declares its own parameters.
export type ComputeTaskFn = (snapshots: TaskSnapshot[], params: any) => unknown;
export type ComputeTasks = Record<string, ComputeTaskFn>;

export interface ComputePoolOptions<T extends ComputeTasks> {
  /** Worker threads; 0 runs the tasks on this thread. */
  workers: number;
  /** The worker module (compiled JavaScript that calls `serveComputeTasks`); for workers > 0. */
  script?: string | undefined;
  /** The tasks, run here when `workers` is 0. */
  tasks?: T;
  /** Tasks that may wait for a worker (default 64). */
  queue?: number;
  /** Datasets each worker keeps (default 4). */
  keepDatasets?: number;
  /** The workers' CPU niceness on Linux (default 19, the lowest: the event loop answers first). */
  nice?: number;
}

/** A task's answer: its result as JSON bytes, and how long it ran (ms, waiting left out). */
export interface ComputeAnswer {
  body: Uint8Array;
  ms: number;
}

export interface RunOptions {
  /** When the task must have answered, as milliseconds since the epoch. */
  deadline: number;
  /** Aborted: a task still waiting is dropped (one running finishes; its answer may be kept). */
  signal?: AbortSignal | undefined;
  /** The time the request was given in all (ms), as messages state it (default: until the deadline). */
  allowedMs?: number | undefined;
}

interface Pending {
  id: number;
  name: string;
  snapshots: ComputeSnapshot[];
  params: unknown;
  deadline: number;
  started: number;
  allowedMs: number;
  resolve: (answer: ComputeAnswer) => void;
  reject: (e: unknown) => void;
  timer?: ReturnType<typeof setTimeout>;
  slot?: Slot;
  /** When a worker took it. */
  ran?: number;
  offAbort?: () => void;
}

interface Slot {
  worker: Worker;
  /** The dataset keys the worker holds, least recently used first. */
  keys: string[];
  task?: Pending;
}

/** What a worker posts back. */
type Reply =
  | { id: number; ok: true; body: Uint8Array }
  | {
      id: number;
      ok: false;
      code: string;
      message: string;
      issues: Issue[];
      details: Record<string, unknown>;
      stack?: string;
    };

/** What the pool posts to a worker. */
interface Request {
  id: number;
  name: string;
  params: unknown;
  snapshots: { key: string; dataset?: Dataset }[];
  drop: string[];
}

const ENCODER = new TextEncoder();

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function deadlineError(p: { allowedMs: number }, waited: boolean): OrebookError {
  const allowed = p.allowedMs;
  return new OrebookError(
    "UNAVAILABLE",
    waited
      ? `The computation waited ${seconds(allowed)} for a free worker, the most this server gives one request: the server is busy, try again shortly`
      : `The computation did not finish within ${seconds(allowed)}, the most this server gives one request: ask for less (fewer scenarios, commodities or years) or run it as a job (POST /api/jobs)`,
    { details: { deadline: true, waited } },
  );
}

/** Rebuilds a worker's error on this thread: a known one as is, anything else as INTERNAL. */
function errorFrom(r: Extract<Reply, { ok: false }>, name: string): Error {
  if (r.code === "INTERNAL") {
    const e = new Error(`compute task ${name} failed: ${r.message}`);
    if (r.stack) e.stack = `${e.message}\n--- in the worker:\n${r.stack}`;
    return e;
  }
  return new OrebookError(r.code as ErrorCode, r.message, {
    issues: r.issues,
    details: r.details,
  });
}

export class ComputePool<T extends ComputeTasks> {
  private readonly slots: Slot[] = [];
  private readonly waiting: Pending[] = [];
  private readonly max: number;
  private readonly queueMax: number;
  private readonly keep: number;
  private readonly nice: number;
  private nextId = 1;
  private closed = false;
  /** The inline mode's datasets (workers: 0), least recently used first. */
  private readonly here = new Map<string, TaskSnapshot>();

  constructor(private readonly opts: ComputePoolOptions<T>) {
    this.max = Math.max(0, Math.floor(opts.workers));
    this.queueMax = opts.queue ?? 64;
    this.keep = Math.max(1, opts.keepDatasets ?? 4);
    this.nice = opts.nice ?? 19;
    if (this.max > 0 && !opts.script)
      throw new OrebookError("INTERNAL", "A compute pool with workers needs the worker's script");
    if (this.max === 0 && !opts.tasks)
      throw new OrebookError("INTERNAL", "A compute pool without workers needs the tasks");
  }

  /** Worker threads at most (0: tasks run on the calling thread). */
  get workers(): number {
    return this.max;
  }

  /** Starts the workers now rather than on the first tasks (a server does at start). */
  warm(): void {
    while (!this.closed && this.slots.length < this.max) this.spawn().worker.unref();
  }

  /** Tasks running and waiting now. */
  stats(): { running: number; waiting: number } {
    return {
      running: this.slots.filter((s) => s.task !== undefined).length,
      waiting: this.waiting.length,
    };
  }

  /** Runs task `name`; resolves with its result as JSON bytes and the time it ran. */
  run<K extends keyof T & string>(
    name: K,
    snapshots: ComputeSnapshot[],
    params: Parameters<T[K]>[1],
    opts: RunOptions,
  ): Promise<ComputeAnswer> {
    if (this.closed)
      return Promise.reject(new OrebookError("UNAVAILABLE", "The server is closing"));
    if (this.max === 0) return this.runHere(name, snapshots, params, opts);
    if (this.waiting.length >= this.queueMax && !this.slots.some((s) => !s.task))
      return Promise.reject(
        new OrebookError(
          "UNAVAILABLE",
          `The server is busy: ${this.waiting.length} computations are waiting for a worker; try again shortly`,
          { details: { busy: true } },
        ),
      );
    return new Promise<ComputeAnswer>((resolve, reject) => {
      const p: Pending = {
        id: this.nextId++,
        name,
        snapshots,
        params,
        deadline: opts.deadline,
        started: Date.now(),
        allowedMs: opts.allowedMs ?? opts.deadline - Date.now(),
        resolve,
        reject,
      };
      p.timer = setTimeout(() => this.expire(p), Math.max(0, opts.deadline - p.started));
      if (opts.signal) {
        const signal = opts.signal;
        const onAbort = () => {
          const i = this.waiting.indexOf(p);
          if (i < 0) return;
          this.waiting.splice(i, 1);
          this.settle(
            p,
            new OrebookError("UNAVAILABLE", "The client went away", { details: { gone: true } }),
          );
        };
        if (signal.aborted) {
          onAbort();
          return;
        }
        signal.addEventListener("abort", onAbort, { once: true });
        p.offAbort = () => signal.removeEventListener("abort", onAbort);
      }
      this.waiting.push(p);
      this.pump();
    });
  }

  /** Terminates every worker; tasks waiting or running fail UNAVAILABLE. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.waiting.splice(0))
      this.settle(p, new OrebookError("UNAVAILABLE", "The server is closing"));
    const slots = this.slots.splice(0);
    for (const s of slots)
      if (s.task) this.settle(s.task, new OrebookError("UNAVAILABLE", "The server is closing"));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private async runHere(
    name: string,
    snapshots: ComputeSnapshot[],
    params: unknown,
    opts: RunOptions,
  ): Promise<ComputeAnswer> {
    const started = Date.now();
    const fn = (this.opts.tasks as T)[name];
    if (!fn) throw new OrebookError("INTERNAL", `No compute task ${name}`);
    const views = snapshots.map((s) => {
      let v = this.here.get(s.key);
      if (!v || v.dataset !== s.dataset) v = { key: s.key, dataset: s.dataset, memo: new Map() };
      this.here.delete(s.key);
      this.here.set(s.key, v);
      return v;
    });
    while (this.here.size > this.keep) {
      const oldest = this.here.keys().next().value as string;
      this.here.delete(oldest);
    }
    const result = await fn(views, params);
    if (Date.now() > opts.deadline)
      throw deadlineError({ allowedMs: opts.allowedMs ?? opts.deadline - started }, false);
    return { body: ENCODER.encode(JSON.stringify(result)), ms: Date.now() - started };
  }

  private settle(p: Pending, e: unknown, body?: Uint8Array): void {
    if (p.timer) clearTimeout(p.timer);
    p.offAbort?.();
    if (body) p.resolve({ body, ms: Date.now() - (p.ran ?? p.started) });
    else p.reject(e);
  }

  private expire(p: Pending): void {
    const i = this.waiting.indexOf(p);
    if (i >= 0) {
      this.waiting.splice(i, 1);
      this.settle(p, deadlineError(p, true));
      return;
    }
    const slot = p.slot;
    if (!slot || slot.task !== p) return;
    // The computation cannot be interrupted from outside: its worker goes, a new one replaces it.
    this.retire(slot);
    this.settle(p, deadlineError(p, false));
    this.pump();
  }

  private retire(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    delete slot.task;
    slot.worker.removeAllListeners();
    slot.worker.on("error", () => {});
    void slot.worker.terminate();
  }

  private spawn(): Slot {
    const worker = new Worker(this.opts.script as string, { workerData: { nice: this.nice } });
    const slot: Slot = { worker, keys: [] };
    worker.on("message", (r: Reply) => {
      const p = slot.task;
      if (!p || p.id !== r.id) return;
      delete slot.task;
      delete p.slot;
      worker.unref();
      if (r.ok) this.settle(p, undefined, r.body);
      else this.settle(p, errorFrom(r, p.name));
      this.pump();
    });
    const lost = (why: string) => {
      const p = slot.task;
      this.retire(slot);
      if (p) this.settle(p, new Error(`compute worker ${why} while running task ${p.name}`));
      this.pump();
    };
    worker.on("error", (e) => lost(`failed (${e instanceof Error ? e.message : String(e)})`));
    worker.on("exit", (code) => {
      if (this.slots.includes(slot)) lost(`exited with code ${code}`);
    });
    this.slots.push(slot);
    return slot;
  }

  /** Starts waiting tasks on idle workers, preferring one that holds the task's datasets. */
  private pump(): void {
    while (this.waiting.length > 0 && !this.closed) {
      const idle = this.slots.filter((s) => !s.task);
      if (idle.length === 0 && this.slots.length >= this.max) return;
      const p = this.waiting.shift() as Pending;
      const holds = (s: Slot) => p.snapshots.filter((x) => s.keys.includes(x.key)).length;
      const slot =
        idle.sort((a, b) => holds(b) - holds(a))[0] ??
        (this.slots.length < this.max ? this.spawn() : undefined);
      if (!slot) {
        this.waiting.unshift(p);
        return;
      }
      this.start(slot, p);
    }
  }

  private start(slot: Slot, p: Pending): void {
    slot.task = p;
    p.slot = slot;
    p.ran = Date.now();
    const wanted = new Set(p.snapshots.map((s) => s.key));
    const snapshots = p.snapshots.map((s) => {
      const i = slot.keys.indexOf(s.key);
      if (i >= 0) {
        slot.keys.splice(i, 1);
        slot.keys.push(s.key);
        return { key: s.key };
      }
      slot.keys.push(s.key);
      return { key: s.key, dataset: s.dataset };
    });
    const drop: string[] = [];
    while (slot.keys.length > Math.max(this.keep, wanted.size)) {
      const k = slot.keys.find((x) => !wanted.has(x));
      if (k === undefined) break;
      slot.keys.splice(slot.keys.indexOf(k), 1);
      drop.push(k);
    }
    const req: Request = { id: p.id, name: p.name, params: p.params, snapshots, drop };
    slot.worker.ref();
    try {
      slot.worker.postMessage(req);
    } catch (e) {
      // Parameters that cannot be cloned: a programming error, reported as such.
      this.retire(slot);
      this.settle(p, e);
    }
  }
}

/**
 * The worker side: answers the pool's tasks with `tasks`, keeping the datasets it is sent (and a
 * memo with each) until the pool says to drop them. Call it from the worker module.
 */
export function serveComputeTasks(tasks: ComputeTasks): void {
  const port = parentPort;
  if (!port) return;
  const nice = (workerData as { nice?: number } | null)?.nice;
  // On Linux the nice value belongs to the calling thread (NPTL): this worker alone yields.
  if (process.platform === "linux" && typeof nice === "number" && nice > 0)
    try {
      setPriority(nice);
    } catch {
      // Not permitted: the worker runs at the server's priority.
    }
  const held = new Map<string, TaskSnapshot>();
  port.on("message", (req: Request) => {
    for (const k of req.drop) held.delete(k);
    const run = async (): Promise<Uint8Array> => {
      const views = req.snapshots.map((s) => {
        if (s.dataset) {
          const v = { key: s.key, dataset: s.dataset, memo: new Map<string, unknown>() };
          held.set(s.key, v);
          return v;
        }
        const v = held.get(s.key);
        if (!v) throw new OrebookError("INTERNAL", `The compute worker lost dataset ${s.key}`);
        return v;
      });
      const fn = tasks[req.name];
      if (!fn) throw new OrebookError("INTERNAL", `No compute task ${req.name}`);
      return ENCODER.encode(JSON.stringify(await fn(views, req.params)));
    };
    run().then(
      (body) =>
        port.postMessage({ id: req.id, ok: true, body } satisfies Reply, [
          body.buffer as ArrayBuffer,
        ]),
      (e: unknown) => {
        const known = e instanceof OrebookError && e.code !== "INTERNAL";
        let details: Record<string, unknown> = {};
        if (known)
          try {
            details = structuredClone({ ...e.details });
          } catch {
            details = {};
          }
        port.postMessage({
          id: req.id,
          ok: false,
          code: known ? e.code : "INTERNAL",
          message: e instanceof Error ? e.message : String(e),
          issues: known ? e.issues.slice(0, 100).map((i) => ({ ...i, path: [...i.path] })) : [],
          details,
          ...(e instanceof Error && e.stack ? { stack: e.stack } : {}),
        } satisfies Reply);
      },
    );
  });
}
