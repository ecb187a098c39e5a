/**
 * Reads CSV files named after record kinds (`entities.csv`, `stakes.csv`, … as written by
 * `orebook template csv`), or every such file of a folder. Problems are located as
 * `file:row:column` (row 1 is the header); nothing is returned unless every file is valid. An
 * empty file, a table without rows and a row with more cells than its header are refused; a file
 * that is not UTF-8 is converted and the conversion declared (`decodeText`); cells a spreadsheet
 * export protected with an apostrophe (`'=…`) are read back as their text.
 *
 * @example
 * const dataset = readRecordsCsv(["my-data/"]);
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { type Dataset, isRecordKind, RECORD_KINDS } from "../../model/dataset.js";
import { type Issue, OrebookError } from "../../model/errors.js";
import { fromSpreadsheetSafe } from "../../model/spreadsheet-safe.js";
import { decodeText } from "../decode-text.js";
import { datasetOrThrow, recordsFromRows, type TableRows } from "./_records-from-rows.js";
import { type ParseCsvOptions, parseCsv } from "./parse-csv.js";

function csvFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch {
      throw new OrebookError("NOT_FOUND", `${p} not found`);
    }
    if (st.isDirectory()) {
      const inside = readdirSync(p).filter((n) => n.endsWith(".csv"));
      if (inside.length === 0)
        throw new OrebookError(
          "NOT_FOUND",
          `${p} holds no .csv file: expected tables named after record kinds (entities.csv, …)`,
        );
      out.push(...inside.sort().map((n) => join(p, n)));
    } else out.push(p);
  }
  return out;
}

export interface ReadCsvOptions extends ParseCsvOptions {
  /** Facts dated after this day are refused (default the clock\'s date, UTC). */
  today?: string;
  /** Receives what was converted on the way (a file that was not UTF-8), as warnings. */
  notices?: Issue[];
}

/** The records of the CSV files (or folders) given. */
export function readRecordsCsv(paths: readonly string[], opts: ReadCsvOptions = {}): Dataset {
  const tables: TableRows[] = [];
  let records = 0;
  for (const file of csvFiles(paths)) {
    const kind = basename(file, ".csv");
    if (!isRecordKind(kind))
      throw new OrebookError(
        "BAD_INPUT",
        `${file}: the file name must be a record kind (${RECORD_KINDS.join(", ")}).csv`,
      );
    const decoded = decodeText(readFileSync(file), file);
    if (decoded.notice) opts.notices?.push(decoded.notice);
    const rows = parseCsv(decoded.text, file, opts);
    const [head, ...rest] = rows;
    if (!head)
      throw new OrebookError(
        "INVALID_DATA",
        `${file}:1: the file is empty: expected a header row (the columns of orebook template csv) and a row per record`,
      );
    records += rest.length;
    tables.push({
      kind,
      header: head.cells.map((c) => c.trim()),
      rows: rest.map((r) => ({ row: r.line, cells: r.cells.map(fromSpreadsheetSafe) })),
      where: {
        at: (row, column) => ({
          file,
          line: row,
          ...(column === undefined ? {} : { column: column + 1 }),
        }),
      },
    });
  }
  if (records === 0)
    throw new OrebookError(
      "INVALID_DATA",
      `${paths.join(", ")}: no records, only header rows: nothing to import`,
    );
  return datasetOrThrow(paths.join(", "), recordsFromRows(tables, opts.today));
}
