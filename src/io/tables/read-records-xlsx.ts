/**
 * Reads a workbook with one sheet per record kind (`entities`, `stakes`, …; the first row is
 * the header). Problems are located as `sheet!C12`; nothing is returned unless it is all valid.
 * Before ExcelJS sees a byte, the file must be a zip archive within the size and ratio limits
 * (`checkZipLimits`: a zip bomb is refused before it is inflated); a cell longer than the CSV
 * field limit, a value right of the header's last column and a workbook without records are
 * refused, each with its place.
 *
 * @example
 * const dataset = await readRecordsXlsx("my-data.xlsx");
 */
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import type ExcelJS from "exceljs";
import { type Dataset, isRecordKind, RECORD_KINDS } from "../../model/dataset.js";
import { type Issue, OrebookError } from "../../model/errors.js";
import { datasetOrThrow, recordsFromRows, type TableRows } from "./_records-from-rows.js";
import { MAX_CSV_FIELD_CHARS } from "./parse-csv.js";
import { checkZipLimits, type ZipLimits } from "./zip-limits.js";

/** `A`, `B`, … `AA` for a 1-based column number. */
export function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26))
    s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function plain(v: ExcelJS.CellValue): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object" && "result" in v) return plain(v.result as ExcelJS.CellValue);
  if (typeof v === "object" && "richText" in v) return v.richText.map((t) => t.text).join("");
  if (typeof v === "object" && "text" in v) return String(v.text);
  return String(v);
}

export interface ReadXlsxOptions extends ZipLimits {
  /** Facts dated after this day are refused (default the clock\'s date, UTC). */
  today?: string;
  /** The longest cell accepted, in characters (default the CSV field limit). */
  maxFieldChars?: number;
}

/** The bytes of a workbook file: a missing file or a folder is refused by name. */
function workbookBytes(file: string): Buffer {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(file);
  } catch {
    throw new OrebookError("NOT_FOUND", `${file} not found`);
  }
  if (st.isDirectory())
    throw new OrebookError("BAD_INPUT", `${file} is a folder: expected an .xlsx workbook`);
  return readFileSync(file);
}

/** The records of the workbook's sheets named after record kinds; other sheets are ignored. */
export async function readRecordsXlsx(file: string, opts: ReadXlsxOptions = {}): Promise<Dataset> {
  const name = basename(file);
  const bytes = workbookBytes(file);
  checkZipLimits(bytes, name, opts);
  const maxField = opts.maxFieldChars ?? MAX_CSV_FIELD_CHARS;
  // Loaded when a workbook is read or written: every other command starts without it.
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new OrebookError(
      "BAD_INPUT",
      `${name} is not a workbook ExcelJS can read: ${(e as Error).message.split("\n")[0]}`,
    );
  }
  const tables: TableRows[] = [];
  const tooLong: Issue[] = [];
  let records = 0;
  wb.eachSheet((ws) => {
    if (!isRecordKind(ws.name)) return;
    const where = {
      at: (row: number, column: number | undefined) => ({
        file: name,
        record: `${ws.name}!${column === undefined ? "" : columnLetter(column + 1)}${row}`,
      }),
    };
    const header: string[] = [];
    ws.getRow(1).eachCell({ includeEmpty: true }, (c, col) => {
      header[col - 1] = String(plain(c.value) ?? "").trim();
    });
    const rows: TableRows["rows"] = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const cells: TableRows["rows"][number]["cells"] = header.map((_, i) =>
        plain(row.getCell(i + 1).value),
      );
      // A value right of the header's last column is kept, for the check that refuses it.
      row.eachCell((c, col) => {
        if (col > header.length) cells[col - 1] = plain(c.value);
      });
      for (const [i, c] of cells.entries())
        if (typeof c === "string" && c.length > maxField)
          tooLong.push({
            ...where.at(n, i),
            path: [header[i] ?? ""],
            message: `A cell longer than ${maxField} characters (${c.length})`,
          });
      if (cells.every((c) => c === null || c === undefined || c === "")) return;
      rows.push({ row: n, cells });
    });
    records += rows.length;
    tables.push({ kind: ws.name, header, rows, where });
  });
  if (tooLong.length > 0) datasetOrThrow(name, { dataset: {} as Dataset, issues: tooLong });
  if (tables.length === 0)
    throw new OrebookError(
      "INVALID_DATA",
      `${name} has no sheet named after a record kind: expected sheets such as ${RECORD_KINDS.slice(0, 4).join(", ")} (see orebook template xlsx)`,
    );
  if (records === 0)
    throw new OrebookError(
      "INVALID_DATA",
      `${name}: no records, only header rows: nothing to import`,
    );
  return datasetOrThrow(name, recordsFromRows(tables, opts.today));
}
