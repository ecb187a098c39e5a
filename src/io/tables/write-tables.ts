/**
 * Tables out: a dataset's records (one table per kind, the columns of `columnsFor`) or a
 * report's rows, written as CSV files (one per table, RFC 4180) or one XLSX workbook (one
 * sheet per table). Templates are the same tables with no rows.
 *
 * @example
 * await writeTablesXlsx("out.xlsx", tablesFromDataset(dataset));
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Dataset, RECORD_KINDS } from "../../model/dataset.js";
import { cellsFrom, columnsFor } from "./columns-for.js";
import { csvCell } from "./parse-csv.js";

export type Cell = string | number | boolean | null;

export interface Table {
  name: string;
  columns: string[];
  rows: Cell[][];
}

/** One table per record kind (all kinds, or those given), with every record. */
export function tablesFromDataset(ds: Partial<Dataset>, kinds = RECORD_KINDS): Table[] {
  return kinds.map((kind) => ({
    name: kind,
    columns: columnsFor(kind).map((c) => c.name),
    rows: ((ds[kind] ?? []) as object[]).map((r) => cellsFrom(kind, r)),
  }));
}

/** Empty tables, one per record kind: the import templates. */
export function templateTables(): Table[] {
  return tablesFromDataset({});
}

/** Writes each table as `DIR/<name>.csv`; returns the files written. */
export function writeTablesCsv(dir: string, tables: readonly Table[]): string[] {
  mkdirSync(dir, { recursive: true });
  return tables.map((t) => {
    const file = join(dir, `${t.name}.csv`);
    const lines = [
      t.columns.map(csvCell).join(","),
      ...t.rows.map((r) => r.map(csvCell).join(",")),
    ];
    writeFileSync(file, `${lines.join("\n")}\n`);
    return file;
  });
}

/** Writes the tables as the sheets of one workbook (header row bold and frozen). */
export async function writeTablesXlsx(file: string, tables: readonly Table[]): Promise<void> {
  // Loaded when a workbook is read or written: every other command starts without it.
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  wb.creator = "Orebook";
  for (const t of tables) {
    const ws = wb.addWorksheet(t.name.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
    ws.addRow(t.columns);
    ws.getRow(1).font = { bold: true };
    for (const r of t.rows) ws.addRow(r.map((c) => (c === null ? undefined : c)));
    ws.columns.forEach((c, i) => {
      c.width = Math.min(40, Math.max(10, (t.columns[i]?.length ?? 8) + 2));
    });
  }
  await wb.xlsx.writeFile(file);
}
