/** Shared by the CSV and XLSX readers: rows of cells → records of one kind, every problem located. */

import {
  type Dataset,
  datasetIssues,
  emptyDataset,
  RECORD_SCHEMAS,
  type RecordKind,
} from "../../model/dataset.js";
import { todayIso } from "../../model/dates.js";
import { type Issue, OrebookError } from "../../model/errors.js";
import { futureDatedIssues } from "../../model/future-dated.js";
import { columnsFor, recordFrom } from "./columns-for.js";

export interface Located {
  /** Where a cell is: its issue fields (file, line, column, record). */
  at: (
    row: number,
    column: number | undefined,
  ) => Pick<Issue, "file" | "line" | "column" | "record">;
}

export interface TableRows {
  kind: RecordKind;
  header: string[];
  /** Data rows with their 1-based row number in the file or sheet. */
  rows: { row: number; cells: (string | number | boolean | null | undefined)[] }[];
  where: Located;
}

/**
 * Parses every table into `ds`, adding an issue per bad cell or schema problem, and per fact
 * dated after `today` (default the clock's date; see `futureDatedIssues`).
 */
export function recordsFromRows(
  tables: TableRows[],
  today: string = todayIso(),
): { dataset: Dataset; issues: Issue[] } {
  const ds = emptyDataset();
  const issues: Issue[] = [];
  const whereOf = new Map<string, { t: TableRows; row: number }>();
  for (const t of tables) {
    const names = new Set(columnsFor(t.kind).map((c) => c.name));
    for (const [i, h] of t.header.entries())
      if (!names.has(h))
        issues.push({
          ...t.where.at(1, i),
          path: [h],
          message: `Unknown column ${h} for ${t.kind}: see orebook template csv`,
        });
    for (const r of t.rows) {
      const extra = r.cells.findIndex(
        (c, i) => i >= t.header.length && c !== null && c !== undefined && String(c).trim() !== "",
      );
      if (extra >= 0) {
        const filled = r.cells.filter(
          (c, i) => i >= t.header.length && String(c ?? "").trim() !== "",
        );
        issues.push({
          ...t.where.at(r.row, extra),
          path: [],
          message: `The row has ${filled.length} cell${filled.length === 1 ? "" : "s"} past the header's ${t.header.length} columns (the first: "${String(r.cells[extra]).slice(0, 40)}"): each value needs its column (is a comma unquoted?)`,
        });
        continue;
      }
      const { record, problems } = recordFrom(t.kind, t.header, r.cells);
      for (const p of problems)
        issues.push({
          ...t.where.at(r.row, p.column),
          path: [t.header[p.column] ?? ""],
          message: p.message,
        });
      if (problems.length > 0) continue;
      const parsed = RECORD_SCHEMAS[t.kind].safeParse(record);
      if (!parsed.success) {
        for (const zi of parsed.error.issues) {
          const path = zi.path.map((p) => (typeof p === "symbol" ? String(p) : p));
          const name = path.filter((p) => typeof p === "string").join(".");
          let col = t.header.indexOf(name);
          if (col < 0) col = t.header.findIndex((h) => h.startsWith(`${String(path[0])}`));
          issues.push({
            ...t.where.at(r.row, col < 0 ? undefined : col),
            path,
            message: zi.message,
          });
        }
        continue;
      }
      const rec = parsed.data as { id: string };
      whereOf.set(`${t.kind} ${rec.id}`, { t, row: r.row });
      (ds[t.kind] as unknown[]).push(rec);
    }
  }
  for (const ci of [...datasetIssues(ds), ...futureDatedIssues(ds, today)]) {
    const w = ci.record ? whereOf.get(ci.record) : undefined;
    if (!w) {
      issues.push(ci);
      continue;
    }
    const col = w.t.header.indexOf(String(ci.path[0] ?? ""));
    issues.push({ ...ci, ...w.t.where.at(w.row, col < 0 ? undefined : col) });
  }
  return { dataset: ds, issues };
}

/** Throws `INVALID_DATA` listing every issue, or returns the dataset. */
export function datasetOrThrow(what: string, r: { dataset: Dataset; issues: Issue[] }): Dataset {
  if (r.issues.length > 0)
    throw new OrebookError(
      "INVALID_DATA",
      `${what} has ${r.issues.length} problem${r.issues.length === 1 ? "" : "s"}: nothing was imported`,
      { issues: r.issues },
    );
  return r.dataset;
}
