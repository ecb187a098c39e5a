/**
 * Imports CSV tables into a dataset of the store, streaming: the files are read a chunk at a
 * time while the store checks and writes each record in one transaction, so a register of
 * millions of rows imports in bounded memory, all or nothing. Every problem is located as
 * file:line:column, whether the reader found it (a cell, a date after today) or the store (a
 * schema or a cross-reference: found again in the files by its record).
 *
 * @example
 * const r = await importCsv(ledger, "world", ["register/"], { actor: "ana" });
 */
import { type StreamCsvOptions, streamRecordsCsv } from "../io/tables/stream-records-csv.js";
import type { Ledger, LoadResult } from "../ledger/ledger.js";
import { type Issue, issueToString, OrebookError } from "../model/errors.js";

export interface ImportCsvOptions extends StreamCsvOptions {
  actor: string;
  note?: string;
  /** The dataset's revision the tables were read at (see `LoadOptions.base`). */
  base?: string | null;
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
  const csv = streamRecordsCsv(paths, opts);
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
  }
}
