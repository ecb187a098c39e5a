/**
 * Reads CSV files named after record kinds (`entities.csv`, `stakes.csv`, … as written by
 * `orebook template csv`), or every such file of a folder. Problems are located as
 * `file:row:column` (row 1 is the header); nothing is returned unless every file is valid.
 *
 * @example
 * const dataset = readRecordsCsv(["my-data/"]);
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { type Dataset, isRecordKind, RECORD_KINDS } from "../../model/dataset.js";
import { OrebookError } from "../../model/errors.js";
import { datasetOrThrow, recordsFromRows, type TableRows } from "./_records-from-rows.js";
import { parseCsv } from "./parse-csv.js";

function csvFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch {
      throw new OrebookError("NOT_FOUND", `${p} not found`);
    }
    if (st.isDirectory())
      out.push(
        ...readdirSync(p)
          .filter((n) => n.endsWith(".csv"))
          .sort()
          .map((n) => join(p, n)),
      );
    else out.push(p);
  }
  return out;
}

/** The records of the CSV files (or folders) given. */
export function readRecordsCsv(paths: readonly string[]): Dataset {
  const tables: TableRows[] = [];
  for (const file of csvFiles(paths)) {
    const kind = basename(file, ".csv");
    if (!isRecordKind(kind))
      throw new OrebookError(
        "BAD_INPUT",
        `${file}: the file name must be a record kind (${RECORD_KINDS.join(", ")}).csv`,
      );
    const rows = parseCsv(readFileSync(file, "utf8"), file);
    const [head, ...rest] = rows;
    if (!head) continue;
    tables.push({
      kind,
      header: head.cells.map((c) => c.trim()),
      rows: rest.map((r) => ({ row: r.line, cells: r.cells })),
      where: {
        at: (row, column) => ({
          file,
          line: row,
          ...(column === undefined ? {} : { column: column + 1 }),
        }),
      },
    });
  }
  return datasetOrThrow(paths.join(", "), recordsFromRows(tables));
}
