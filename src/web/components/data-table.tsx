/**
 * A table an analyst can work with: a caption, a filter over every cell's text, columns sorted by
 * a click on their heading (numbers by value, text alphabetically), and the rows shown exported
 * as CSV or XLSX. Each column gives the text shown, the value the files hold (raw numbers, not
 * rounded text), optionally the hover text naming the figure's sources and date, and what the
 * column means when its heading alone does not say. Numbers sit right-aligned with their unit.
 */
import { type ReactNode, useId, useMemo, useState } from "react";
import { spreadsheetSafe } from "../../model/spreadsheet-safe.js";
import { xlsxFrom } from "../xlsx.js";

/**
 * The "explained below" mark beside a column header: a circled "i" drawn as SVG, since the
 * character ⓘ is missing from some system fonts (Debian's Chromium draws an empty box).
 */
function HelpMark(): ReactNode {
  return (
    <svg className="help-mark" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
      <circle cx="6" cy="6" r="5.2" fill="none" stroke="currentColor" strokeWidth="1.1" />
      <circle cx="6" cy="3.6" r="0.8" fill="currentColor" />
      <rect x="5.35" y="5.1" width="1.3" height="3.9" rx="0.4" fill="currentColor" />
    </svg>
  );
}

export interface Column<R> {
  header: string;
  /** What the cell shows. */
  cell: (row: R) => ReactNode;
  /** What the files hold; default the cell's text when it is a string or number. */
  csv?: (row: R) => string | number | null;
  /** What the column sorts by; default the files' value. */
  sort?: (row: R) => string | number | null;
  /** Hover text: sources and as-of date. */
  title?: (row: R) => string;
  numeric?: boolean;
  /** What the column means, shown on its heading and under the table. */
  help?: string;
  /** A stable test hook on the cell. */
  testId?: (row: R) => string;
}

function fileValue<R>(c: Column<R>, r: R): string | number | null {
  const v = c.csv ? c.csv(r) : c.cell(r);
  return typeof v === "string" || typeof v === "number" ? v : null;
}

function csvField(v: string | number | null): string {
  if (v === null) return "";
  // Text a spreadsheet would run as a formula gets a leading apostrophe.
  const s = typeof v === "string" ? spreadsheetSafe(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The rows as RFC 4180 CSV with a header line. */
export function csvFrom<R>(columns: Column<R>[], rows: R[]): string {
  const head = columns.map((c) => csvField(c.header)).join(",");
  const body = rows.map((r) => columns.map((c) => csvField(fileValue(c, r))).join(","));
  return `${[head, ...body].join("\r\n")}\r\n`;
}

/** The rows as a one-sheet XLSX workbook, numbers as numbers. */
export function xlsxOf<R>(sheet: string, columns: Column<R>[], rows: R[]): Uint8Array {
  return xlsxFrom(
    sheet,
    columns.map((c) => c.header),
    rows.map((r) => columns.map((c) => fileValue(c, r))),
  );
}

function download(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The text a row is filtered on: every column's shown or exported value. */
function textOf<R>(columns: Column<R>[], r: R): string {
  return columns
    .map((c) => {
      const shown = c.cell(r);
      const v = fileValue(c, r);
      return `${typeof shown === "string" || typeof shown === "number" ? shown : ""} ${v ?? ""}`;
    })
    .join(" ")
    .toLowerCase();
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === null || a === "") return b === null || b === "" ? 0 : 1;
  if (b === null || b === "") return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), "en", { numeric: true });
}

export function DataTable<R>(props: {
  caption: string;
  columns: Column<R>[];
  rows: R[];
  filename: string;
  rowKey: (row: R) => string;
  onRowClick?: (row: R) => void;
  testId?: string;
  /** Show this many rows, with a button for the rest (default all). */
  limit?: number;
}): ReactNode {
  const { caption, columns, rows, rowKey, onRowClick } = props;
  const base = props.filename.replace(/\.csv$/, "");
  const [query, setQuery] = useState("");
  const [order, setOrder] = useState<{ col: number; dir: 1 | -1 }>();
  const [all, setAll] = useState(false);
  const filterId = useId();
  const helpId = useId();
  const texts = useMemo(() => rows.map((r) => textOf(columns, r)), [rows, columns]);
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const kept = rows.filter((_, i) => words.every((w) => texts[i]?.includes(w)));
  const sortCol = order ? columns[order.col] : undefined;
  const shown =
    order && sortCol
      ? kept
          .map((r, i) => ({ r, i, v: sortCol.sort ? sortCol.sort(r) : fileValue(sortCol, r) }))
          .sort((a, b) => {
            // Blanks last whichever way; ties keep the API's order.
            const blank = (v: string | number | null) => v === null || v === "";
            if (blank(a.v) !== blank(b.v)) return blank(a.v) ? 1 : -1;
            return compare(a.v, b.v) * order.dir || a.i - b.i;
          })
          .map((x) => x.r)
      : kept;
  const limited = props.limit !== undefined && !all ? shown.slice(0, props.limit) : shown;
  const helps = columns.filter((c) => c.help);
  return (
    <div className="table-wrap">
      <div className="table-tools">
        {rows.length > 3 && (
          <span className="table-filter">
            <label htmlFor={filterId}>Filter</label>
            <input
              id={filterId}
              type="search"
              value={query}
              placeholder="words in any column"
              aria-label={`Filter ${caption}`}
              onChange={(e) => setQuery(e.target.value)}
            />
            {query && (
              <span className="muted" data-testid="filter-count">
                {kept.length} of {rows.length}
              </span>
            )}
          </span>
        )}
        <button
          type="button"
          onClick={() => download(`${base}.csv`, csvFrom(columns, shown), "text/csv;charset=utf-8")}
          aria-label={`Export ${caption} as CSV`}
        >
          CSV
        </button>
        <button
          type="button"
          onClick={() =>
            download(
              `${base}.xlsx`,
              xlsxOf(caption, columns, shown) as Uint8Array<ArrayBuffer>,
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
          }
          aria-label={`Export ${caption} as XLSX`}
        >
          XLSX
        </button>
      </div>
      <div className="table-scroll">
        <table data-testid={props.testId} aria-describedby={helps.length ? helpId : undefined}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c, i) => {
                const dir = order?.col === i ? order.dir : 0;
                return (
                  <th
                    key={c.header}
                    scope="col"
                    className={c.numeric ? "num" : undefined}
                    aria-sort={dir === 1 ? "ascending" : dir === -1 ? "descending" : undefined}
                    title={c.help}
                  >
                    <button
                      type="button"
                      className="sort"
                      onClick={() =>
                        setOrder(
                          dir === 0
                            ? { col: i, dir: c.numeric ? -1 : 1 }
                            : dir === (c.numeric ? -1 : 1)
                              ? { col: i, dir: c.numeric ? 1 : -1 }
                              : undefined,
                        )
                      }
                    >
                      {c.header}
                      {c.help ? <HelpMark /> : null}
                      <span className="sort-mark" aria-hidden="true">
                        {dir === 1 ? " ▲" : dir === -1 ? " ▼" : ""}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {limited.map((r) => (
              <tr key={rowKey(r)} data-row={rowKey(r)}>
                {columns.map((c, i) => {
                  const content = c.cell(r);
                  return i === 0 && onRowClick ? (
                    <th key={c.header} scope="row">
                      <button type="button" className="link" onClick={() => onRowClick(r)}>
                        {content}
                      </button>
                    </th>
                  ) : (
                    <td
                      key={c.header}
                      className={c.numeric ? "num" : undefined}
                      title={c.title?.(r)}
                      data-testid={c.testId?.(r)}
                    >
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
            {limited.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="muted">
                  {rows.length === 0 ? "No rows." : "No row matches the filter."}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {limited.length < shown.length && (
        <button type="button" className="link" onClick={() => setAll(true)}>
          Show all {shown.length} rows
        </button>
      )}
      {helps.length > 0 && (
        <dl className="column-help" id={helpId}>
          {helps.map((c) => (
            <div key={c.header}>
              <dt>{c.header}</dt>
              <dd>{c.help}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
