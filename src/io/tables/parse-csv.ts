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
  const rows: CsvRow[] = [];
  new CsvParser(file, opts).push(text, true, rows);
  return rows;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * The same parser fed a text in pieces (a file read a chunk at a time): `push` adds the rows
 * that the pieces so far complete, and keeps the row in progress for the next piece. Only
 * that row is ever held, so memory stays bounded by the longest row (within `maxFieldChars`
 * per field).
 */
export class CsvParser {
  private readonly maxField: number;
  /** The text of the row in progress, from its first character. */
  private rest = "";
  /** The line the next row starts on. */
  private line = 1;
  private started = false;

  constructor(
    private readonly file: string,
    opts: ParseCsvOptions = {},
  ) {
    this.maxField = opts.maxFieldChars ?? MAX_CSV_FIELD_CHARS;
  }

  private tooLong(line: number, column: number): OrebookError {
    return new OrebookError(
      "INVALID_DATA",
      `${this.file}:${line}:${column}: a field longer than ${this.maxField} characters: nothing was read (is a quote left open, or the file not CSV?)`,
    );
  }

  /** Adds to `out` the rows completed by `text`; `last` says the text ends the file. */
  push(text: string, last: boolean, out: CsvRow[]): void {
    let s = this.rest === "" ? text : this.rest + text;
    if (!this.started && s !== "") {
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    const n = s.length;
    const max = this.maxField;
    let i = 0;
    let line = this.line;
    let rowStart = 0;
    let incomplete = false;
    rows: while (i < n) {
      rowStart = i;
      const rowLine = line;
      const cells: string[] = [];
      let any = false;
      /** Line breaks inside the row's quoted fields. */
      let breaks = 0;
      for (;;) {
        let field: string;
        let j: number;
        if (i < n && s.charCodeAt(i) === QUOTE) {
          any = true;
          const quoteLine = rowLine + breaks;
          let seg = i + 1;
          let k = seg;
          field = "";
          for (;;) {
            if (k - seg + field.length > max) throw this.tooLong(quoteLine, cells.length + 1);
            if (k >= n) {
              if (last)
                throw new OrebookError(
                  "INVALID_DATA",
                  `${this.file}:${quoteLine}: a quoted field is never closed`,
                );
              incomplete = true;
              break rows;
            }
            const c = s.charCodeAt(k);
            if (c === QUOTE) {
              if (k + 1 >= n && !last) {
                incomplete = true;
                break rows;
              }
              if (s.charCodeAt(k + 1) === QUOTE) {
                field += s.slice(seg, k + 1);
                k += 2;
                seg = k;
                continue;
              }
              field += s.slice(seg, k);
              k++;
              break;
            }
            if (c === LF) breaks++;
            k++;
          }
          // Text after the closing quote belongs to the same field (as RFC 4180 readers do).
          j = k;
          while (j < n) {
            const c = s.charCodeAt(j);
            if (c === COMMA || c === LF || c === CR) break;
            j++;
          }
          if (j > k) field += s.slice(k, j);
          if (field.length > max) throw this.tooLong(quoteLine, cells.length + 1);
        } else {
          j = i;
          while (j < n) {
            const c = s.charCodeAt(j);
            if (c === COMMA || c === LF || c === CR) break;
            j++;
          }
          if (j - i > max) throw this.tooLong(rowLine + breaks, cells.length + 1);
          field = s.slice(i, j);
        }
        if (j >= n) {
          if (!last) {
            incomplete = true;
            break rows;
          }
          cells.push(field);
          if (!(cells.length === 1 && field === "" && !any)) out.push({ line: rowLine, cells });
          i = n;
          break;
        }
        const c = s.charCodeAt(j);
        if (c === COMMA) {
          cells.push(field);
          any = true;
          i = j + 1;
          continue;
        }
        if (c === CR) {
          if (j + 1 >= n && !last) {
            incomplete = true;
            break rows;
          }
          if (s.charCodeAt(j + 1) === LF) j++;
        }
        cells.push(field);
        if (!(cells.length === 1 && field === "" && !any)) out.push({ line: rowLine, cells });
        line = rowLine + breaks + 1;
        i = j + 1;
        continue rows;
      }
    }
    this.rest = incomplete ? s.slice(rowStart) : "";
    this.line = line;
  }
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
