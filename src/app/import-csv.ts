/**
 * Imports CSV tables into a dataset of the store, streaming: the files are read a chunk at a
 * time (on a thread of their own for large tables: `csv-read-thread.ts`) while the store
 * checks and writes each record in one transaction, so a register of millions of rows imports
 * in bounded memory, all or nothing. Every problem is located as
 * file:line:column, whether the reader found it (a cell, a date after today) or the store (a
 * schema or a cross-reference: found again in the files by its record).
 *
 * @example
 * const r = await importCsv(ledger, "world", ["register/"], { actor: "ana" });
 */
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { csvTables } from "../io/tables/read-records-csv.js";
import { type StreamCsvOptions, streamRecordsCsv } from "../io/tables/stream-records-csv.js";
import type { Ledger, LoadResult } from "../ledger/ledger.js";
import { type Issue, issueToString, OrebookError } from "../model/errors.js";
import {
  type CsvThreadTestOptions,
  csvReadWorkerPath,
  readCsvInThread,
} from "./csv-read-thread.js";

/**
 * Tables of at least this many bytes in all are read on a thread of their own while this one
 * writes (`csv-read-thread.ts`), when there is a second core: below it, starting the thread
 * costs more than it saves.
 */
export const CSV_THREAD_MIN_BYTES = 8 << 20;

export interface ImportCsvOptions extends StreamCsvOptions {
  actor: string;
  note?: string;
  /** The dataset's revision the tables were read at (see `LoadOptions.base`). */
  base?: string | null;
  /**
   * Read the tables on a thread of their own (see `CSV_THREAD_MIN_BYTES`): true or false
   * decides; by default, tables of that size on a machine of more than one core.
   */
  thread?: boolean;
  /** For tests: faults of the reading thread and its stall bound (see `CsvThreadTestOptions`). */
  threadTest?: CsvThreadTestOptions;
}

export interface ImportCsvResult extends LoadResult {
  /** Conversions and what the tables left out and was filled (`table-reader.ts`). */
  notices: Issue[];
}

export async function importCsv(
  ledger: Ledger,
  datasetId: string,
  paths: readonly string[],
  opts: ImportCsvOptions,
): Promise<ImportCsvResult> {
  const read: StreamCsvOptions = {
    ...(opts.today === undefined ? {} : { today: opts.today }),
    ...(opts.defaults === undefined ? {} : { defaults: opts.defaults }),
    ...(opts.maxFieldChars === undefined ? {} : { maxFieldChars: opts.maxFieldChars }),
    ...(opts.onBytes === undefined ? {} : { onBytes: opts.onBytes }),
  };
  const csv = useThread(paths, opts.thread)
    ? await readCsvInThread(paths, { ...read, ...opts.threadTest })
    : { ...streamRecordsCsv(paths, read), close: async () => {} };
  try {
    const r = await ledger.load(datasetId, csv.dataset, {
      actor: opts.actor,
      ...(opts.note === undefined ? {} : { note: opts.note }),
      ...(opts.base === undefined ? {} : { base: opts.base }),
      pendingIssues: () => csv.issues,
    });
    return { ...r, notices: csv.notices };
  } catch (e) {
    const first = e instanceof OrebookError ? e.issues[0] : undefined;
    if (e instanceof OrebookError && e.code === "INVALID_DATA" && first) {
      const issues = csv.locate(e.issues);
      const message = e.message.replace(issueToString(first), issueToString(issues[0] ?? first));
      throw new OrebookError(e.code, message, { issues });
    }
    throw e;
  } finally {
    await csv.close();
  }
}

/** Whether to read on a thread of its own (see `ImportCsvOptions.thread`). */
function useThread(paths: readonly string[], asked: boolean | undefined): boolean {
  if (asked !== undefined) return asked;
  if (availableParallelism() < 2 || csvReadWorkerPath() === undefined) return false;
  let bytes = 0;
  for (const t of csvTables(paths)) bytes += statSync(t.file).size;
  return bytes >= CSV_THREAD_MIN_BYTES;
}
