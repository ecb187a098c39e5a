/**
 * Reads CSV files named after record kinds (`entities.csv`, `stakes.csv`, … as written by
 * `orebook template csv`), or every such file of a folder. Problems are located as
 * `file:row:column` (row 1 is the header); nothing is returned unless every file is valid. An
 * empty file, a table without rows and a row with more cells than its header are refused; a file
 * that is not UTF-8 is converted and the conversion declared (`decodeText`); cells a spreadsheet
 * export protected with an apostrophe (`'=…`) are read back as their text. A register as it
 * comes (ids, names, owners and shares without sources or dates) is read too, what it leaves
 * out filled and declared (`table-reader.ts`).
 *
 * This reader holds every record (for `--out`, the API's import job and the tests); the
 * store's import streams instead (`streamRecordsCsv`).
 *
 * @example
 * const dataset = readRecordsCsv(["my-data/"]);
 */

import { readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { isCommodity } from "../../model/commodity.js";
import {
  type Dataset,
  datasetIssues,
  emptyDataset,
  isRecordKind,
  RECORD_KINDS,
  type RecordKind,
} from "../../model/dataset.js";
import { todayIso } from "../../model/dates.js";
import { type Issue, OrebookError } from "../../model/errors.js";
import { futureDatedIssues } from "../../model/future-dated.js";
import { sourceSchema } from "../../model/source.js";
import { datasetOrThrow } from "./_records-from-rows.js";
import { csvFileRows } from "./csv-file-rows.js";
import type { ParseCsvOptions } from "./parse-csv.js";
import {
  type ImportDefaults,
  importDefaults,
  importSourceRecord,
  noProduction,
  parsedRecord,
  type RawRecord,
  TableReader,
} from "./table-reader.js";

/** The CSV files of `paths` (folders listed), each with the record kind its name gives. */
export function csvTables(paths: readonly string[]): { file: string; kind: RecordKind }[] {
  const out: string[] = [];
  for (const p of paths) {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch {
      throw new OrebookError("NOT_FOUND", `${p} not found`);
    }
    if (st.isDirectory()) {
      const inside = readdirSync(p).filter((n) => n.endsWith(".csv"));
      if (inside.length === 0)
        throw new OrebookError(
          "NOT_FOUND",
          `${p} holds no .csv file: expected tables named after record kinds (entities.csv, …)`,
        );
      out.push(...inside.sort().map((n) => join(p, n)));
    } else out.push(p);
  }
  return out.map((file) => {
    const kind = basename(file, ".csv");
    if (!isRecordKind(kind))
      throw new OrebookError(
        "BAD_INPUT",
        `${file}: the file name must be a record kind (${RECORD_KINDS.join(", ")}).csv`,
      );
    return { file, kind };
  });
}

/** The refusal of a file without even a header row. */
export function emptyFileError(file: string): OrebookError {
  return new OrebookError(
    "INVALID_DATA",
    `${file}:1: the file is empty: expected a header row (the columns of orebook template csv) and a row per record`,
  );
}

/** The refusal of tables with headers only. */
export function noRecordsError(paths: readonly string[]): OrebookError {
  return new OrebookError(
    "INVALID_DATA",
    `${paths.join(", ")}: no records, only header rows: nothing to import`,
  );
}

export interface ReadCsvOptions extends ParseCsvOptions {
  /** Facts dated after this day are refused (default the clock\'s date, UTC). */
  today?: string;
  /** What to fill where a table leaves fields out (see `table-reader.ts`). */
  defaults?: Partial<Omit<ImportDefaults, "today">>;
  /** Receives what was converted or filled on the way, as warnings and information. */
  notices?: Issue[];
}

/** The records of the CSV files (or folders) given. */
export function readRecordsCsv(paths: readonly string[], opts: ReadCsvOptions = {}): Dataset {
  const d = importDefaults(opts.today ?? todayIso(), opts.defaults);
  const ds = emptyDataset();
  const issues: Issue[] = [];
  const whereOf = new Map<string, { reader: TableReader; line: number }>();
  /** Assets read from entity rows: checked once their commodities are known. */
  const deferred: { reader: TableReader; rec: RawRecord; line: number }[] = [];
  const tables = csvTables(paths);
  let records = 0;
  let citesImport = false;
  const keep = (reader: TableReader, kind: RecordKind, raw: RawRecord, line: number) => {
    const rec = parsedRecord(reader, kind, raw, line, issues);
    if (!rec) return;
    whereOf.set(`${kind} ${String(rec.id)}`, { reader, line });
    (ds[kind] as unknown[]).push(rec);
  };
  const readers: TableReader[] = [];
  for (const { file, kind } of tables) {
    let reader: TableReader | undefined;
    for (const row of csvFileRows(file, opts)) {
      if (!reader) {
        reader = new TableReader(kind, row.cells, file, d);
        readers.push(reader);
        issues.push(...reader.headerIssues);
        continue;
      }
      records++;
      const r = reader.record(row, issues);
      if (!r) continue;
      if (r[0] === "assets" && kind === "entities")
        deferred.push({ reader, rec: r[1], line: row.line });
      else keep(reader, r[0], r[1], row.line);
    }
    if (!reader) throw emptyFileError(file);
    citesImport ||= reader.citesImportSource;
  }
  if (records === 0) throw noRecordsError(paths);
  if (deferred.length > 0) {
    const commodities = commoditiesByAsset(ds.production);
    for (const { reader, rec, line } of deferred) {
      const list = commodities.get(String(rec.id));
      if (!list) issues.push(noProduction(reader, String(rec.id), line));
      else {
        rec.commodities = list;
        keep(reader, "assets", rec, line);
      }
    }
  }
  for (const r of readers) {
    const n = r.notice();
    if (n) opts.notices?.push(n);
  }
  if (citesImport && !ds.sources.some((s) => s.id === d.source))
    ds.sources.unshift(
      sourceSchema.parse(
        importSourceRecord(
          tables.map((t) => basename(t.file)),
          d,
        ),
      ),
    );
  for (const ci of [...datasetIssues(ds), ...futureDatedIssues(ds, d.today)]) {
    const w = ci.record ? whereOf.get(ci.record) : undefined;
    if (!w) {
      issues.push(ci);
      continue;
    }
    const col = w.reader.header.indexOf(String(ci.path[0] ?? ""));
    issues.push({ ...ci, ...w.reader.at(w.line, col) });
  }
  return datasetOrThrow(paths.join(", "), { dataset: ds, issues });
}

/** The commodities each asset produces, in the order its figures come (known ones only). */
export function commoditiesByAsset(
  production: Iterable<{ asset?: unknown; commodity?: unknown }>,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of production) addCommodity(out, p);
  return out;
}

/** Adds a production figure's commodity to its asset's list in `out` (see `commoditiesByAsset`). */
export function addCommodity(
  out: Map<string, string[]>,
  p: { asset?: unknown; commodity?: unknown },
): void {
  if (typeof p.asset !== "string" || typeof p.commodity !== "string") return;
  if (!isCommodity(p.commodity)) return;
  const list = out.get(p.asset);
  if (!list) out.set(p.asset, [p.commodity]);
  else if (!list.includes(p.commodity)) list.push(p.commodity);
}
