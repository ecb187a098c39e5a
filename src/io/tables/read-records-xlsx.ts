/**
 * Reads a workbook with one sheet per record kind (`entities`, `stakes`, …; the first row is
 * the header). Problems are located as `sheet!C12`; nothing is returned unless it is all valid.
 *
 * @example
 * const dataset = await readRecordsXlsx("my-data.xlsx");
 */
import { basename } from "node:path";
import ExcelJS from "exceljs";
import { type Dataset, isRecordKind } from "../../model/dataset.js";
import { datasetOrThrow, recordsFromRows, type TableRows } from "./_records-from-rows.js";

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

/** The records of the workbook's sheets named after record kinds; other sheets are ignored. */
export async function readRecordsXlsx(file: string): Promise<Dataset> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const name = basename(file);
  const tables: TableRows[] = [];
  wb.eachSheet((ws) => {
    if (!isRecordKind(ws.name)) return;
    const header: string[] = [];
    ws.getRow(1).eachCell({ includeEmpty: true }, (c, col) => {
      header[col - 1] = String(plain(c.value) ?? "").trim();
    });
    const rows: TableRows["rows"] = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const cells = header.map((_, i) => plain(row.getCell(i + 1).value));
      if (cells.every((c) => c === null || c === "")) return;
      rows.push({ row: n, cells });
    });
    tables.push({
      kind: ws.name,
      header,
      rows,
      where: {
        at: (row, column) => ({
          file: name,
          record: `${ws.name}!${column === undefined ? "" : columnLetter(column + 1)}${row}`,
        }),
      },
    });
  });
  return datasetOrThrow(name, recordsFromRows(tables));
}
