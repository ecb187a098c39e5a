/**
 * A table with a caption and an "Export CSV" button. Each column gives the text shown, the
 * value written to the CSV (raw numbers, not rounded text) and, optionally, the hover text that
 * names the figure's sources and as-of date.
 */
import type { ReactNode } from "react";
import { spreadsheetSafe } from "../../model/spreadsheet-safe.js";

export interface Column<R> {
  header: string;
  /** What the cell shows. */
  cell: (row: R) => ReactNode;
  /** What the CSV holds; default the cell's text when it is a string or number. */
  csv?: (row: R) => string | number | null;
  /** Hover text: sources and as-of date. */
  title?: (row: R) => string;
  numeric?: boolean;
  /** A stable test hook on the cell. */
  testId?: (row: R) => string;
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
  const body = rows.map((r) =>
    columns
      .map((c) => {
        const v = c.csv ? c.csv(r) : c.cell(r);
        return csvField(typeof v === "string" || typeof v === "number" ? v : null);
      })
      .join(","),
  );
  return `${[head, ...body].join("\r\n")}\r\n`;
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function DataTable<R>(props: {
  caption: string;
  columns: Column<R>[];
  rows: R[];
  filename: string;
  rowKey: (row: R) => string;
  onRowClick?: (row: R) => void;
  testId?: string;
}): ReactNode {
  const { caption, columns, rows, filename, rowKey, onRowClick } = props;
  return (
    <div className="table-wrap">
      <div className="table-tools">
        <button
          type="button"
          onClick={() => download(filename, csvFrom(columns, rows))}
          aria-label={`Export ${caption} as CSV`}
        >
          Export CSV
        </button>
      </div>
      <div className="table-scroll">
        <table data-testid={props.testId}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col" className={c.numeric ? "num" : undefined}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
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
          </tbody>
        </table>
      </div>
    </div>
  );
}
