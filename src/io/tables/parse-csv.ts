/**
 * An RFC 4180 CSV parser: quoted fields with `""` escapes and line breaks, CRLF or LF, a
 * byte-order mark ignored. Each row keeps the line it starts on, for located errors.
 *
 * @example
 * parseCsv('id,name\nk,"Kamoto, KCC"\n') // [{ line: 1, cells: ["id", "name"] }, …]
 */
import { OrebookError } from "../../model/errors.js";
import { spreadsheetSafe } from "../../model/spreadsheet-safe.js";

export interface CsvRow {
  line: number;
  cells: string[];
}

/** The longest field read by default, in characters (1 MiB of text; notes are far shorter). */
export const MAX_CSV_FIELD_CHARS = 1_048_576;

export interface ParseCsvOptions {
  /** The longest field accepted, in characters (default `MAX_CSV_FIELD_CHARS`). */
  maxFieldChars?: number;
}

/**
 * The rows of a CSV text; a quote left open, or a field longer than `maxFieldChars`, is an error
 * with its line (and column).
 */
export function parseCsv(text: string, file = "CSV", opts: ParseCsvOptions = {}): CsvRow[] {
  const maxField = opts.maxFieldChars ?? MAX_CSV_FIELD_CHARS;
  const rows: CsvRow[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let cells: string[] = [];
  let field = "";
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let any = false;
  const endRow = () => {
    cells.push(field);
    if (!(cells.length === 1 && cells[0] === "" && !any)) rows.push({ line: rowLine, cells });
    cells = [];
    field = "";
    any = false;
  };
  const tooLong = () =>
    new OrebookError(
      "INVALID_DATA",
      `${file}:${quoted ? quoteLine : rowLine}:${cells.length + 1}: a field longer than ${maxField} characters: nothing was read (is a quote left open, or the file not CSV?)`,
    );
  for (; i < text.length; i++) {
    const ch = text[i] as string;
    if (field.length > maxField) throw tooLong();
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      quoteLine = line;
      any = true;
    } else if (ch === ",") {
      cells.push(field);
      field = "";
      any = true;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRow();
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (field.length > maxField) throw tooLong();
  if (quoted)
    throw new OrebookError("INVALID_DATA", `${file}:${quoteLine}: a quoted field is never closed`);
  if (field !== "" || cells.length > 0 || any) endRow();
  return rows;
}

/**
 * One CSV cell, quoted when it must be; text a spreadsheet would run as a formula (`=…`, `+…`,
 * `-…`, `@…`) is written with a leading apostrophe (`spreadsheetSafe`; the readers take it off).
 */
export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return "";
  const s = typeof v === "string" ? spreadsheetSafe(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
