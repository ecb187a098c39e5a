/**
 * How the rows of one CSV table become records: its header matched to the kind's columns
 * (`columnsFor`), each row's cells parsed (`recordReaderFor`), every problem located as
 * file:line:column. Shared by the in-memory reader (`readRecordsCsv`) and the streaming import
 * (`streamRecordsCsv`).
 *
 * A register as it comes (the look-through benchmark's `entities.csv` `id,name,kind,country`,
 * `stakes.csv` `owner_id,owned_id,share`, `production.csv` `asset_id,commodity,tonnes`) is read
 * too, and what it leaves out is filled and declared, never guessed in silence:
 * - a column `x_id` where the kind has `x` is read as `x`;
 * - a table without `sources` cites one source made for the import (`--source` names another);
 *   without `asOf`, its facts are as of the import's date (`--as-of`);
 * - stakes without `id` are named `owner:owned`, production figures `asset:commodity:period`;
 *   production without `period` is for the last full year before the import (`--period`), and
 *   without `basis` is `actual` (`--basis`);
 * - an entity of kind `asset` is an asset: a mine, operating, without province or location (the
 *   register gives none), producing the commodities of its production rows.
 * Each table's notice (severity information) says what was filled.
 */
import { RECORD_SCHEMAS, type RecordKind } from "../../model/dataset.js";
import { asOfSchema, periodSchema } from "../../model/dates.js";
import { type Issue, OrebookError } from "../../model/errors.js";
import { futureDatedIssuesOf } from "../../model/future-dated.js";
import { ID_PATTERN } from "../../model/ids.js";
import { PRODUCTION_BASES, type ProductionBasis } from "../../model/production.js";
import { fromSpreadsheetSafe } from "../../model/spreadsheet-safe.js";
import { columnsFor, recordReaderFor } from "./columns-for.js";
import type { CsvRow } from "./parse-csv.js";

/** The source cited by a table without a sources column, unless the import names another. */
export const IMPORT_SOURCE_ID = "csv-import";

/** What an import fills where a table leaves it out (see the module comment). */
export interface ImportDefaults {
  /** Facts dated after this day are refused (YYYY-MM-DD). */
  today: string;
  /** The source cited by tables without sources. */
  source: string;
  /** The as-of date of tables without asOf. */
  asOf: string;
  /** The period of production without one. */
  period: string;
  /** The basis of production without one. */
  basis: ProductionBasis;
}

/** The defaults for an import on `today`, with what the caller gives. */
export function importDefaults(
  today: string,
  given: Partial<Omit<ImportDefaults, "today">> = {},
): ImportDefaults {
  if (given.asOf !== undefined && !asOfSchema.safeParse(given.asOf).success)
    throw new OrebookError(
      "BAD_INPUT",
      `As-of ${given.asOf} is not a date: expected YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Qn or YYYY-Hn`,
    );
  if (given.period !== undefined && !periodSchema.safeParse(given.period).success)
    throw new OrebookError(
      "BAD_INPUT",
      `Period ${given.period} is not a period: expected YYYY, YYYY-H1, YYYY-Q3 or YYYY-MM`,
    );
  if (given.source !== undefined && !ID_PATTERN.test(given.source))
    throw new OrebookError(
      "BAD_INPUT",
      `Source ${given.source} is not an id: expected letters, digits and . _ : -`,
    );
  return {
    today,
    source: given.source ?? IMPORT_SOURCE_ID,
    asOf: given.asOf ?? today,
    period: given.period ?? String(Number(today.slice(0, 4)) - 1),
    basis: given.basis ?? "actual",
  };
}

export { PRODUCTION_BASES };

/** The source record made for an import whose tables cite none. */
export function importSourceRecord(files: readonly string[], d: ImportDefaults) {
  return {
    id: d.source,
    title: `Register imported from ${files.join(", ")}`,
    kind: "secondary",
    confidence: "low",
    accessed: d.today,
    note: "Made by orebook import: the tables give no sources column, so their records cite this import; its kind and confidence are not known (replace this record with the register's own source)",
  };
}

type Cell = string | number | boolean | null | undefined;
export type RawRecord = Record<string, unknown>;

/** Whether a kind's schema has this top-level field. */
function hasField(kind: RecordKind, field: string): boolean {
  return columnsFor(kind).some((c) => c.path[0] === field);
}

export class TableReader {
  /** The header as written (trimmed). */
  readonly written: string[];
  /** The header read: `x_id` as `x` where the kind has `x`. */
  readonly header: string[];
  /** Unknown columns, at line 1. */
  readonly headerIssues: Issue[] = [];
  /** What this table leaves out and the reader fills, for the notice. */
  readonly filled: string[] = [];
  /** Rows of kind asset read as assets (entities tables). */
  assetRows = 0;
  private readonly read: ReturnType<typeof recordReaderFor>;
  private readonly fillSources: boolean;
  private readonly fillAsOf: boolean;
  private readonly fillId: boolean;
  private readonly fillPeriod: boolean;
  private readonly fillBasis: boolean;
  private readonly sources: string[];

  constructor(
    readonly kind: RecordKind,
    header: readonly Cell[],
    readonly file: string,
    private readonly d: ImportDefaults,
  ) {
    this.written = header.map((c) => String(c ?? "").trim());
    const names = new Set(columnsFor(kind).map((c) => c.name));
    this.header = this.written.map((h) =>
      !names.has(h) &&
      h.endsWith("_id") &&
      names.has(h.slice(0, -3)) &&
      !this.written.includes(h.slice(0, -3))
        ? h.slice(0, -3)
        : h,
    );
    for (const [i, h] of this.header.entries())
      if (!names.has(h))
        this.headerIssues.push({
          ...this.at(1, i),
          path: [h],
          message: `Unknown column ${h} for ${kind}: see orebook template csv`,
        });
    const lacks = (f: string) =>
      hasField(kind, f) && !this.header.some((h) => h.split(".")[0] === f);
    this.fillSources = kind !== "sources" && lacks("sources");
    this.fillAsOf = lacks("asOf");
    this.fillId = (kind === "stakes" || kind === "production") && lacks("id");
    this.fillPeriod = kind === "production" && lacks("period");
    this.fillBasis = kind === "production" && lacks("basis");
    this.sources = [d.source];
    if (this.fillId)
      this.filled.push(
        kind === "stakes" ? "ids made as owner:owned" : "ids made as asset:commodity:period",
      );
    if (this.fillSources) this.filled.push(`every record cites source ${d.source}`);
    if (this.fillAsOf) this.filled.push(`as of ${d.asOf}`);
    if (this.fillPeriod) this.filled.push(`period ${d.period}`);
    if (this.fillBasis) this.filled.push(`basis ${d.basis}`);
    this.read = recordReaderFor(kind, this.header);
  }

  /** Whether the table cites the import's source (so the import must make it). */
  get citesImportSource(): boolean {
    return this.fillSources;
  }

  /** Where a cell is (row and 0-based column). */
  at(line: number, column: number | undefined): Pick<Issue, "file" | "line" | "column"> {
    return {
      file: this.file,
      line,
      ...(column === undefined || column < 0 ? {} : { column: column + 1 }),
    };
  }

  /** The column of a record field, for an issue found on the record (0-based), if any. */
  columnOf(path: readonly (string | number)[]): number | undefined {
    const name = path.filter((p) => typeof p === "string").join(".");
    let col = this.header.indexOf(name);
    if (col < 0) col = this.header.findIndex((h) => h.startsWith(`${String(path[0])}`));
    return col < 0 ? undefined : col;
  }

  /**
   * The record a row makes, with its kind (an entity of kind asset is an asset), or undefined
   * when a cell has a problem (added to `issues`, located). `count`: count the rows of kind
   * asset (a second reading of the table does not).
   */
  record(row: CsvRow, issues: Issue[], count = true): [RecordKind, RawRecord] | undefined {
    const cells = row.cells;
    for (let i = this.header.length; i < cells.length; i++) {
      const c = cells[i];
      if (c === undefined || c.trim() === "") continue;
      const filled = cells.filter((x, k) => k >= this.header.length && x.trim() !== "");
      issues.push({
        ...this.at(row.line, i),
        path: [],
        message: `The row has ${filled.length} cell${filled.length === 1 ? "" : "s"} past the header's ${this.header.length} columns (the first: "${c.slice(0, 40)}"): each value needs its column (is a comma unquoted?)`,
      });
      return undefined;
    }
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i] as string;
      if (c.charCodeAt(0) === 39) cells[i] = fromSpreadsheetSafe(c);
    }
    const { record, problems } = this.read(cells);
    if (problems.length > 0) {
      for (const p of problems)
        issues.push({
          ...this.at(row.line, p.column),
          path: [this.header[p.column] ?? ""],
          message: p.message,
        });
      return undefined;
    }
    let kind = this.kind;
    let rec = record;
    if (this.fillSources) rec.sources = this.sources;
    if (this.fillAsOf) rec.asOf = this.d.asOf;
    if (this.fillPeriod) rec.period = this.d.period;
    if (this.fillBasis) rec.basis = this.d.basis;
    if (this.fillId) {
      if (kind === "stakes" && typeof rec.owner === "string" && typeof rec.owned === "string")
        rec = { id: `${rec.owner}:${rec.owned}`, ...rec };
      else if (kind === "production" && typeof rec.asset === "string")
        rec = { id: `${rec.asset}:${String(rec.commodity)}:${String(rec.period)}`, ...rec };
    }
    if (kind === "entities" && rec.kind === "asset") {
      kind = "assets";
      if (count) this.assetRows++;
      rec = assetFromEntityRow(rec);
    }
    return [kind, rec];
  }

  /** Adds the record's facts dated after today (`futureDatedIssuesOf`), located at its row. */
  futureDated(kind: RecordKind, rec: RawRecord, line: number, issues: Issue[]): void {
    for (const i of futureDatedIssuesOf(kind, rec, this.d.today))
      issues.push({ ...i, ...this.at(line, this.header.indexOf(String(i.path[0] ?? ""))) });
  }

  /** The notice of what the table left out, if anything. */
  notice(): Issue | undefined {
    const filled = [...this.filled];
    if (this.assetRows > 0)
      filled.push(
        `${this.assetRows} rows of kind asset read as assets (mines, operating, no province or location: the table gives none) producing the commodities of their production rows`,
      );
    if (filled.length === 0) return undefined;
    return {
      file: this.file,
      line: 1,
      path: [],
      severity: "information",
      message: `${this.kind}: the table leaves fields out, filled as follows: ${filled.join("; ")}`,
    };
  }
}

/** The problem of an entity row of kind asset that no production row names. */
export function noProduction(reader: TableReader, id: string, line: number): Issue {
  return {
    ...reader.at(line, reader.header.indexOf("kind")),
    record: `assets ${id}`,
    path: ["kind"],
    message: `Asset ${id} has no production row, so what it produces is not known: add its production, or list it in assets.csv with its commodities`,
  };
}

/** An asset from an entity row of kind asset; its commodities are filled by the caller. */
function assetFromEntityRow(r: RawRecord): RawRecord {
  const out: RawRecord = {
    id: r.id,
    name: r.name,
    kind: "mine",
    country: r.country,
    province: null,
    location: null,
    status: "operating",
    commodities: [],
  };
  for (const k of ["aliases", "sources", "asOf", "note", "restricted"])
    if (r[k] !== undefined) out[k] = r[k];
  return out;
}

/** Checks a raw record with its kind's schema; located issues for its row, or the record. */
export function parsedRecord(
  reader: TableReader,
  kind: RecordKind,
  rec: RawRecord,
  line: number,
  issues: Issue[],
): RawRecord | undefined {
  const parsed = RECORD_SCHEMAS[kind].safeParse(rec);
  if (parsed.success) return parsed.data as RawRecord;
  for (const zi of parsed.error.issues) {
    const path = zi.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    issues.push({ ...reader.at(line, reader.columnOf(path)), path, message: zi.message });
  }
  return undefined;
}
