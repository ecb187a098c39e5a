/**
 * Text written to CSV for spreadsheets is never run as a formula: a cell starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return (and not a plain number such as `-0.5` or `+12%`) gets a
 * leading apostrophe, which spreadsheets read as "this is text" and hide. Readers of our CSV take
 * it off again (`fromSpreadsheetSafe`), so an export read back gives the same text; a cell that
 * already started with apostrophes before such a character gets one more, so the pair is exact.
 *
 * @example
 * spreadsheetSafe('=HYPERLINK("http://x","y")') // `'=HYPERLINK("http://x","y")`
 * spreadsheetSafe("-0.25") // "-0.25"
 */

const TRIGGER = /^'*[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$/;

function risky(s: string): boolean {
  return TRIGGER.test(s) && !NUMBER.test(s.replace(/^'+/, ""));
}

/** The text as it is safe to write in a CSV cell (see the module comment). */
export function spreadsheetSafe(s: string): string {
  return risky(s) ? `'${s}` : s;
}

/** The text a `spreadsheetSafe` cell stood for. */
export function fromSpreadsheetSafe(s: string): string {
  return s.startsWith("'") && risky(s.slice(1)) ? s.slice(1) : s;
}
