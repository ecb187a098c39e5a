/**
 * Output formats shared by every command: an aligned text table (the default on a terminal),
 * JSON (the default when piped) and CSV (RFC 4180 quoting).
 */
import { OrebookError } from "../model/errors.js";
import { spreadsheetSafe } from "../model/spreadsheet-safe.js";

export const FORMATS = ["table", "json", "csv"] as const;
export type Format = (typeof FORMATS)[number];

/** The format asked for, or table on a terminal and JSON otherwise. */
export function formatFrom(opt: string | undefined, isTty = Boolean(process.stdout.isTTY)): Format {
  if (opt === undefined) return isTty ? "table" : "json";
  if ((FORMATS as readonly string[]).includes(opt)) return opt as Format;
  throw new OrebookError(
    "BAD_INPUT",
    `Unknown format "${opt}": expected one of ${FORMATS.join(", ")}`,
  );
}

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
  /** Right-align (numbers). */
  align?: "left" | "right";
}

function cell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  return String(v);
}

/** An aligned plain-text table. */
export function tableFrom<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((r) => columns.map((c) => cell(c.value(r))));
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...cells.map((r) => (r[i] ?? "").length)),
  );
  const line = (vals: string[]) =>
    vals
      .map((v, i) => {
        const w = widths[i] ?? 0;
        return columns[i]?.align === "right" ? v.padStart(w) : v.padEnd(w);
      })
      .join("  ")
      .trimEnd();
  const out = [line(columns.map((c) => c.header)), line(widths.map((w) => "-".repeat(w)))];
  for (const r of cells) out.push(line(r));
  return out.join("\n");
}

/** A cell, quoted when it must be and never run as a formula by a spreadsheet. */
function csvCell(text: string): string {
  const v = spreadsheetSafe(text);
  return /[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** CSV with a header row. Numbers are written in full (no thousands separators). */
export function csvFrom<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const out = [columns.map((c) => csvCell(c.header)).join(",")];
  for (const r of rows) out.push(columns.map((c) => csvCell(cell(c.value(r)))).join(","));
  return `${out.join("\n")}\n`;
}

/** A fraction as a percentage with one decimal, for tables. */
export function pct(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "";
  return `${(x * 100).toFixed(digits)}%`;
}

/** Tonnes with thousands separators, for tables. */
export function tonnesText(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "";
  return Math.round(x).toLocaleString("en-US");
}
