/**
 * The thread that reads an import's CSV tables (see `csv-read-thread.ts`): it reads and checks
 * the rows as `streamRecordsCsv` does on one thread, kind by kind in the store's order, and
 * hands the records on in batches: as columns (`PackedBatch`) when the records have one shape,
 * else as one JSON text, or, when a record holds what JSON would change, the records themselves. It runs ahead of the writer by a few batches at most.
 * Loaded from dist/ by `csvReadWorkerPath`.
 */
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { streamRecordsCsv } from "../io/tables/stream-records-csv.js";
import { RECORD_KINDS } from "../model/dataset.js";
import { OrebookError } from "../model/errors.js";
import {
  BATCH_CHARS,
  BATCH_RECORDS,
  type CsvThreadInput,
  CTL_BEAT,
  CTL_DEAD,
  CTL_POSTED,
  CTL_STOP,
  CTL_TAKEN,
  jsonSafe,
  MAX_AHEAD,
  MAX_AHEAD_CHARS,
  packed,
  type ReaderMessage,
} from "./csv-read-thread.js";

const input = workerData as CsvThreadInput;
const ctl = input.control;
const port = input.port as MessagePort;
let finished = false;

/** A sign of life for the writer (see `STALL_MS`). */
function beat(): void {
  Atomics.add(ctl, CTL_BEAT, 1);
}

/** Stops the reading when the writer has stopped (`close`). */
class Stopped extends Error {}

// However the thread ends before its last message (an exit, a termination), the writer is
// woken and told.
process.on("exit", () => {
  if (finished) return;
  Atomics.store(ctl, CTL_DEAD, 1);
  Atomics.add(ctl, CTL_POSTED, 1);
  Atomics.notify(ctl, CTL_POSTED);
});

/** The stream read; while it waits for the writer, the reader prepares the assets. */
let prepare: (() => boolean) | undefined;

const batchChars = input.batchChars ?? BATCH_CHARS;
const aheadChars = input.aheadChars ?? MAX_AHEAD_CHARS;
/** The characters of each message handed on and not yet taken, oldest first, and their sum. */
const untaken: number[] = [];
let untakenFrom = 0;
let untakenChars = 0;
let takenSeen = 0;

/**
 * Hands the message on, then waits while more than `MAX_AHEAD` messages, or more than
 * `aheadChars` characters of them (`chars`: see `recordChars`), are not taken (unless only
 * this one is).
 */
function post(m: ReaderMessage, chars = 0): void {
  port.postMessage(m);
  untaken.push(chars);
  untakenChars += chars;
  const posted = Atomics.add(ctl, CTL_POSTED, 1) + 1;
  Atomics.notify(ctl, CTL_POSTED);
  for (;;) {
    if (Atomics.load(ctl, CTL_STOP) === 1) throw new Stopped();
    const taken = Atomics.load(ctl, CTL_TAKEN);
    for (; takenSeen < taken; takenSeen++) untakenChars -= untaken[untakenFrom++] ?? 0;
    if (untakenFrom > 4096) {
      untaken.splice(0, untakenFrom);
      untakenFrom = 0;
    }
    const ahead = posted - taken;
    if (ahead <= 1 || (ahead <= MAX_AHEAD && untakenChars <= aheadChars)) return;
    beat();
    if (prepare?.()) continue;
    Atomics.wait(ctl, CTL_TAKEN, taken, 200);
  }
}

/**
 * About how many characters of text a record makes (its strings, those of its lists and
 * objects, and a few for every other value and key): what a batch's JSON or columns hold.
 */
function recordChars(v: unknown): number {
  if (typeof v === "string") return v.length + 3;
  if (v === null || typeof v !== "object") return 8;
  let n = 2;
  if (Array.isArray(v)) for (const x of v) n += recordChars(x) + 1;
  else for (const k in v) n += k.length + 4 + recordChars((v as Record<string, unknown>)[k]);
  return n;
}

/** For tests: fills the heap until the thread dies of it (no exit handler runs then). */
function exhaust(): never {
  const kept: unknown[][] = [];
  for (;;) kept.push(Array.from({ length: 1 << 16 }, (_, i) => ({ i })));
}

function run(): void {
  let done = 0;
  let total = 0;
  const stream = streamRecordsCsv(input.paths, {
    ...input.options,
    onBytes: (d, t) => {
      beat();
      done = d;
      total = t;
    },
  });
  const kinds = RECORD_KINDS.filter((k) => Object.hasOwn(stream.dataset, k));
  prepare = stream.prepare?.bind(stream);
  parentPort?.postMessage({ ready: true });
  let exits = input.exitAfterBatches ?? -1;
  let exhausts = input.exhaustAfterBatches ?? -1;
  for (const [i, kind] of kinds.entries()) {
    let batch: Record<string, unknown>[] = [];
    let chars = 0;
    const flush = () => {
      if (exits-- === 0) process.exit(70);
      if (exhausts-- === 0) exhaust();
      beat();
      const columns = packed(batch);
      post(
        columns
          ? { t: "batch", kind, packed: columns, done, total }
          : jsonSafe(batch)
            ? { t: "batch", kind, json: JSON.stringify(batch), done, total }
            : { t: "batch", kind, records: batch, done, total },
        chars,
      );
      batch = [];
      chars = 0;
    };
    for (const rec of stream.dataset[kind] as Iterable<Record<string, unknown>>) {
      batch.push(rec);
      chars += recordChars(rec);
      if (batch.length >= BATCH_RECORDS || chars >= batchChars) flush();
    }
    if (batch.length > 0) flush();
    const last = i === kinds.length - 1;
    post(
      last
        ? { t: "end", kind, issues: stream.issues, notices: stream.notices }
        : { t: "end", kind },
    );
  }
}

try {
  run();
} catch (e) {
  if (!(e instanceof Stopped)) {
    const err = e as { code?: unknown; message?: unknown; stack?: unknown };
    try {
      post({
        t: "error",
        code: e instanceof OrebookError ? e.code : "INTERNAL",
        message:
          e instanceof OrebookError
            ? e.message
            : `The thread reading the CSV files failed: ${String(err.stack ?? err.message ?? e)}`,
        issues: e instanceof OrebookError ? [...e.issues] : [],
      });
    } catch {
      // The writer has stopped.
    }
  }
} finally {
  finished = true;
  port.close();
}
