/**
 * An import's CSV tables read on a thread of their own (`csv-read-worker.ts`) while this one
 * writes: the worker reads the rows, makes and checks the records (cells, dates after today)
 * as `streamRecordsCsv` does, and hands them on in batches of `BATCH_RECORDS` (or
 * `BATCH_CHARS` characters of text, whichever comes first), each one JSON
 * text that this thread parses (about a quarter of what reading the rows costs). The records
 * come out of `dataset` exactly as `streamRecordsCsv` yields them, kind by kind, and the
 * problems, notices and located errors are the same: `locate` reads the tables again here.
 *
 * The store's load is synchronous per record, so this thread waits for a batch on a shared
 * counter (`Atomics.wait`, as the engine's helper thread is joined), and the worker waits when
 * it is `MAX_AHEAD` batches or `MAX_AHEAD_CHARS` characters ahead: memory holds a few batches
 * whatever the tables' size. A
 * worker that fails hands on its error in place of the next batch; one that stops (an exit)
 * flags it on the counter; either is thrown where the store reads the next record, so the
 * import's transaction rolls back and nothing is written.
 *
 * @example
 * const csv = await readCsvInThread(["register/"], { today });
 * try { await ledger.load("world", csv.dataset, opts) } finally { await csv.close() }
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from "node:worker_threads";
import {
  type CsvStream,
  type StreamCsvOptions,
  streamRecordsCsv,
} from "../io/tables/stream-records-csv.js";
import type { RecordKind } from "../model/dataset.js";
import { todayIso } from "../model/dates.js";
import { type ErrorCode, type Issue, OrebookError } from "../model/errors.js";

/** Records per batch handed from the worker, at most. */
export const BATCH_RECORDS = 1024;
/**
 * Characters of text per batch, about (`recordChars`): a batch is handed on once it holds
 * this many, whatever its records, so one batch's JSON or column text stays far below the
 * longest string V8 makes (some 537 million characters).
 */
export const BATCH_CHARS = 8 << 20;
/** Batches the worker may have handed on that this thread has not taken yet. */
export const MAX_AHEAD = 32;
/** Characters of text (`recordChars`) those batches may hold in all (one batch may hold more). */
export const MAX_AHEAD_CHARS = 64 << 20;
// The shared counters (an Int32Array over a SharedArrayBuffer).
export const CTL_POSTED = 0;
export const CTL_TAKEN = 1;
export const CTL_STOP = 2;
export const CTL_DEAD = 3;
/** Bumped by the worker while it lives: on every chunk read, batch and turn of its waiting. */
export const CTL_BEAT = 4;
/**
 * How long the worker may give no sign of life (`CTL_BEAT`) before this thread takes it for
 * dead: a thread that dies without its exit handler (out of memory) flags nothing, and its
 * 'exit' event cannot arrive while this thread waits. A chunk of 64 KiB or a turn of its wait
 * (200 ms) takes far less, even on a machine under heavy load.
 */
export const STALL_MS = 30_000;

/** What the worker is given. */
export interface CsvThreadInput {
  paths: readonly string[];
  options: Omit<StreamCsvOptions, "onBytes">;
  control: Int32Array;
  port: MessagePort;
  /** For tests: the worker exits (as a thread that dies would) before handing on this batch. */
  exitAfterBatches?: number;
  /** For tests: `BATCH_CHARS` and `MAX_AHEAD_CHARS` in their place. */
  batchChars?: number;
  aheadChars?: number;
  /**
   * For tests: before handing on this batch, the worker fills its heap until it dies (given a
   * small heap), its exit handler never run.
   */
  exhaustAfterBatches?: number;
}

/**
 * A batch of records of one shape as columns: the keys in order, then per key its values as
 * one text (strings joined by NUL, which no string of the column holds), a Float64Array
 * (numbers, -0 and NaN kept), one value for every record (its JSON: the records share the
 * one parsed value, as the reader's records share their sources array) or a JSON list.
 * Rebuilding the records costs a fraction of parsing their JSON.
 */
export interface PackedBatch {
  n: number;
  keys: string[];
  columns: PackedColumn[];
}
export type PackedColumn =
  | { text: string }
  | { numbers: Float64Array }
  | { one: string }
  | { json: string };

/** Whether JSON gives the value back as it is (no undefined, NaN, ±Infinity or -0 inside). */
export function jsonSafe(v: unknown): boolean {
  if (v === null) return true;
  switch (typeof v) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(v) && !Object.is(v, -0);
    case "object":
      if (Array.isArray(v)) {
        for (const x of v) if (!jsonSafe(x)) return false;
        return true;
      }
      for (const k in v) if (!jsonSafe((v as Record<string, unknown>)[k])) return false;
      return true;
    default:
      return false;
  }
}

/**
 * The batch as columns (see `PackedBatch`), when every record has the same keys in the same
 * order and each column is strings, numbers, one value throughout or JSON-safe values;
 * otherwise undefined.
 */
export function packed(batch: readonly Record<string, unknown>[]): PackedBatch | undefined {
  const first = batch[0];
  if (first === undefined) return undefined;
  const keys = Object.keys(first);
  for (const r of batch) {
    let k = 0;
    for (const key in r) if (keys[k++] !== key) return undefined;
    if (k !== keys.length) return undefined;
  }
  const columns: PackedColumn[] = [];
  for (const key of keys) {
    const v0 = first[key];
    let same = true;
    let strings = true;
    let numbers = true;
    for (const r of batch) {
      const v = r[key];
      if (!Object.is(v, v0)) same = false;
      if (typeof v !== "string" || v.includes("\0")) strings = false;
      if (typeof v !== "number") numbers = false;
      if (!same && !strings && !numbers) break;
    }
    if (same && jsonSafe(v0)) columns.push({ one: JSON.stringify(v0) });
    else if (strings) columns.push({ text: batch.map((r) => r[key]).join("\0") });
    else if (numbers) columns.push({ numbers: Float64Array.from(batch, (r) => r[key] as number) });
    else {
      const values = batch.map((r) => r[key]);
      if (!jsonSafe(values)) return undefined;
      columns.push({ json: JSON.stringify(values) });
    }
  }
  return { n: batch.length, keys, columns };
}

/** The records of a packed batch, in order. */
export function unpacked(b: PackedBatch): Record<string, unknown>[] {
  const values: ArrayLike<unknown>[] = [];
  const ones: unknown[] = [];
  const isOne: boolean[] = [];
  for (const c of b.columns) {
    if ("one" in c) {
      ones.push(JSON.parse(c.one));
      values.push([]);
      isOne.push(true);
      continue;
    }
    ones.push(undefined);
    isOne.push(false);
    values.push(
      "text" in c
        ? c.text.split("\0")
        : "numbers" in c
          ? c.numbers
          : (JSON.parse(c.json) as unknown[]),
    );
  }
  const out: Record<string, unknown>[] = new Array(b.n);
  const keys = b.keys;
  for (let i = 0; i < b.n; i++) {
    const r: Record<string, unknown> = {};
    for (let k = 0; k < keys.length; k++)
      r[keys[k] as string] = isOne[k] ? ones[k] : (values[k] as ArrayLike<unknown>)[i];
    out[i] = r;
  }
  return out;
}

/** What the worker hands on, in order. */
export type ReaderMessage =
  | { t: "batch"; kind: RecordKind; packed: PackedBatch; done: number; total: number }
  | { t: "batch"; kind: RecordKind; json: string; done: number; total: number }
  | { t: "batch"; kind: RecordKind; records: unknown[]; done: number; total: number }
  | { t: "end"; kind: RecordKind; issues?: Issue[]; notices?: Issue[] }
  | { t: "error"; code: string; message: string; issues: Issue[] };

export interface CsvThreadStream extends CsvStream {
  /** Stops the worker (call however the import ends). */
  close(): Promise<void>;
}

/**
 * The compiled worker module, beside this one in dist/app (or there from src/, as tests run,
 * when it is built from the sources as they are: see `staleBuild`), if built.
 */
export function csvReadWorkerPath(): string | undefined {
  const here = fileURLToPath(new URL("./csv-read-worker.js", import.meta.url));
  if (existsSync(here)) return here;
  const dist = fileURLToPath(new URL("../../dist/app/csv-read-worker.js", import.meta.url));
  return existsSync(dist) && staleWorker() === undefined ? dist : undefined;
}

/** From src/: the first source of the worker that changed after its build in dist/, if any. */
function staleWorker(): string | undefined {
  if (!import.meta.url.endsWith(".ts")) return undefined;
  const src = fileURLToPath(new URL("../", import.meta.url));
  const dist = fileURLToPath(new URL("../../dist/", import.meta.url));
  return staleBuild(join(src, "app/csv-read-worker.ts"), src, dist);
}

/**
 * The first module of `entry`'s relative imports (itself included) whose compiled file under
 * `distRoot` is missing or older than it under `srcRoot`; undefined when all are built from
 * the sources as they are.
 */
export function staleBuild(entry: string, srcRoot: string, distRoot: string): string | undefined {
  const seen = new Set<string>();
  const todo = [entry];
  for (let file = todo.pop(); file !== undefined; file = todo.pop()) {
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const built = join(distRoot, relative(srcRoot, file)).replace(/\.ts$/, ".js");
    if (!existsSync(built) || statSync(built).mtimeMs < statSync(file).mtimeMs) return file;
    for (const m of readFileSync(file, "utf8").matchAll(/\bfrom\s+"(\.{1,2}\/[^"]+)\.js"/g)) {
      const ts = resolve(dirname(file), `${m[1]}.ts`);
      if (existsSync(ts)) todo.push(ts);
    }
  }
  return undefined;
}

function stopped(): OrebookError {
  return new OrebookError(
    "INTERNAL",
    "The thread reading the CSV files stopped before their end: nothing was written",
  );
}

function stalled(ms: number): OrebookError {
  return new OrebookError(
    "INTERNAL",
    `The thread reading the CSV files gave no sign of life for ${ms / 1000} s (it may have run out of memory): it was stopped and nothing was written`,
  );
}

/** What tests may add to `readCsvInThread`'s options. */
export interface CsvThreadTestOptions {
  exitAfterBatches?: number;
  batchChars?: number;
  aheadChars?: number;
  exhaustAfterBatches?: number;
  /** How long the worker may give no sign of life (default `STALL_MS`). */
  stallMs?: number;
}

/**
 * Reads the tables on a worker thread (see the module comment); resolves once the worker has
 * read their headers. Problems with the files themselves (not found, empty) are thrown here,
 * before anything is read, as `streamRecordsCsv` throws them.
 */
export async function readCsvInThread(
  paths: readonly string[],
  opts: StreamCsvOptions & CsvThreadTestOptions = {},
): Promise<CsvThreadStream> {
  const script = csvReadWorkerPath();
  if (script === undefined) {
    const stale = staleWorker();
    throw new OrebookError(
      "UNSUPPORTED",
      stale === undefined
        ? "The CSV reading thread is not built: run npm run build"
        : `The CSV reading thread in dist/ is older than its source ${stale}: run npm run build`,
    );
  }
  const today = opts.today ?? todayIso();
  const {
    onBytes,
    exitAfterBatches,
    exhaustAfterBatches,
    batchChars,
    aheadChars,
    stallMs = STALL_MS,
    ...rest
  } = opts;
  // Here for `locate` and the kinds; it reads only the headers (and throws what the files lack).
  const local = streamRecordsCsv(paths, { ...rest, today });
  const kinds = Object.keys(local.dataset) as RecordKind[];
  const control = new Int32Array(new SharedArrayBuffer(4 * 8));
  const { port1, port2 } = new MessageChannel();
  const input: CsvThreadInput = {
    paths: [...paths],
    options: { ...rest, today },
    control,
    port: port2,
    ...(exitAfterBatches === undefined ? {} : { exitAfterBatches }),
    ...(exhaustAfterBatches === undefined ? {} : { exhaustAfterBatches }),
    ...(batchChars === undefined ? {} : { batchChars }),
    ...(aheadChars === undefined ? {} : { aheadChars }),
  };
  const worker = new Worker(script, {
    workerData: input,
    transferList: [port2],
    ...(exhaustAfterBatches === undefined
      ? {}
      : { resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 } }),
  });
  let failure: unknown;
  worker.on("error", (e) => {
    failure ??= e;
  });
  await new Promise<void>((resolve, reject) => {
    const fail = (e: unknown) => {
      worker.off("message", ready);
      worker.off("exit", exited);
      reject(e);
    };
    const ready = () => {
      worker.off("error", fail);
      worker.off("exit", exited);
      resolve();
    };
    const exited = () => fail(failure ?? stopped());
    worker.once("message", ready);
    worker.once("error", fail);
    worker.once("exit", exited);
  }).catch(async (e) => {
    await worker.terminate();
    // The worker's own error (a file it could not read) is the one to show.
    const m = receiveMessageOnPort(port1)?.message as ReaderMessage | undefined;
    port1.close();
    if (m?.t === "error")
      throw new OrebookError(m.code as ErrorCode, m.message, { issues: m.issues });
    throw e;
  });

  let closed = false;
  /**
   * The next message, waiting for it. A worker that gives no sign of life for `stallMs` is
   * taken for dead: it is stopped, and the error thrown rolls the import back.
   */
  function next(): ReaderMessage {
    if (closed) throw stopped();
    let beat = Atomics.load(control, CTL_BEAT);
    let since = performance.now();
    for (;;) {
      const posted = Atomics.load(control, CTL_POSTED);
      const m = receiveMessageOnPort(port1);
      if (m) {
        Atomics.add(control, CTL_TAKEN, 1);
        Atomics.notify(control, CTL_TAKEN);
        return m.message as ReaderMessage;
      }
      if (Atomics.load(control, CTL_DEAD) === 1) throw stopped();
      const now = performance.now();
      const b = Atomics.load(control, CTL_BEAT);
      if (b !== beat) {
        beat = b;
        since = now;
      } else if (now - since >= stallMs) {
        closed = true;
        Atomics.store(control, CTL_STOP, 1);
        void worker.terminate();
        throw stalled(stallMs);
      }
      Atomics.wait(control, CTL_POSTED, posted, Math.min(1000, stallMs));
    }
  }

  const issues: Issue[] = [];
  const notices: Issue[] = [];
  /** The sources array of the records so far: equal lists are made one again. */
  let lastSources: string[] | undefined;
  function* records(kind: RecordKind): Generator<unknown> {
    for (;;) {
      const m = next();
      if (m.t === "error")
        throw new OrebookError(m.code as ErrorCode, m.message, { issues: m.issues });
      if (m.kind !== kind)
        throw new OrebookError("INTERNAL", `The CSV reading thread sent ${m.kind} for ${kind}`);
      if (m.t === "end") {
        if (m.issues) issues.push(...m.issues);
        if (m.notices) notices.push(...m.notices);
        return;
      }
      onBytes?.(m.done, m.total);
      const list = (
        "packed" in m ? unpacked(m.packed) : "json" in m ? JSON.parse(m.json) : m.records
      ) as Record<string, unknown>[];
      for (let i = 0; i < list.length; i++) {
        const rec = list[i] as Record<string, unknown>;
        const s = rec.sources;
        if (s !== lastSources && Array.isArray(s)) {
          if (lastSources !== undefined && sameList(s, lastSources)) rec.sources = lastSources;
          else lastSources = s as string[];
        }
        yield rec;
      }
    }
  }

  const dataset: Partial<Record<RecordKind, Iterable<unknown>>> = {};
  for (const kind of kinds)
    Object.defineProperty(dataset, kind, { enumerable: true, get: () => records(kind) });
  return {
    dataset,
    issues,
    notices,
    locate: (found) => local.locate(found),
    async close() {
      if (closed) {
        port1.close();
        await worker.terminate();
        return;
      }
      closed = true;
      Atomics.store(control, CTL_STOP, 1);
      Atomics.notify(control, CTL_TAKEN);
      port1.close();
      await worker.terminate();
    },
  } as CsvThreadStream;
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
