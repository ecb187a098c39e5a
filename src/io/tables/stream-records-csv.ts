/**
 * The records of CSV tables as a stream, for an import into the store of any size: each kind is
 * read from its files when the store asks for it (kinds in `RECORD_KINDS` order, as
 * `Ledger.load` reads them) and yielded one record at a time, so memory holds a chunk of a file
 * and a batch of records, never the tables. Rows are read as `readRecordsCsv` reads them
 * (`table-reader.ts`), with the same located problems; the schema and cross-reference checks are
 * the store's, which names records by kind and id, and `locate` finds their file, line and
 * column by reading the tables again (only when something is wrong).
 *
 * @example
 * const csv = streamRecordsCsv(["register/"], { onBytes: (done, total) => bar(done, total) });
 * await ledger.load("world", csv.dataset, { actor, pendingIssues: () => csv.issues });
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { basename } from "node:path";
import { type Dataset, RECORD_KINDS, type RecordKind } from "../../model/dataset.js";
import { todayIso } from "../../model/dates.js";
import type { Issue } from "../../model/errors.js";
import { csvFileRows } from "./csv-file-rows.js";
import { CsvParser, type CsvRow, type ParseCsvOptions } from "./parse-csv.js";
import {
  addCommodity,
  commoditiesByAsset,
  csvTables,
  emptyFileError,
  noRecordsError,
} from "./read-records-csv.js";
import {
  type ImportDefaults,
  importDefaults,
  importSourceRecord,
  noProduction,
  type RawRecord,
  TableReader,
} from "./table-reader.js";

export interface StreamCsvOptions extends ParseCsvOptions {
  /** Facts dated after this day are refused (default the clock's date, UTC). */
  today?: string;
  /** What to fill where a table leaves fields out (see `table-reader.ts`). */
  defaults?: Partial<Omit<ImportDefaults, "today">>;
  /** Bytes read so far of the bytes the import will read (a file may be read twice). */
  onBytes?: (done: number, total: number) => void;
}

export interface CsvStream {
  /** Each kind a generator of raw records, built when the kind is first asked for. */
  dataset: Partial<Dataset>;
  /** Problems found in the rows so far, located (cells, dates after today, empty tables). */
  issues: Issue[];
  /** Conversions and filled fields, as warnings and information (complete once read). */
  notices: Issue[];
  /** The problems with their file, line and column where they name a record of the tables. */
  locate(issues: readonly Issue[]): Issue[];
  /**
   * Does a step (a thousand production rows) of what the assets will need (the commodities of
   * each asset) ahead of them: for a reader waiting on its consumer. False when there is
   * nothing to do, yet or any more. The records, notices and errors are the same without it.
   */
  prepare?(): boolean;
}

interface Table {
  file: string;
  kind: RecordKind;
  size: number;
  reader: TableReader;
}

/** The header row of a file, reading only its start when it can. */
function headerOf(file: string, opts: ParseCsvOptions): string[] | undefined {
  const fd = openSync(file, "r");
  let head: Buffer;
  try {
    const buf = Buffer.alloc(1 << 16);
    head = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
  const plainStart =
    !(head[0] === 0xff && head[1] === 0xfe) && !(head[0] === 0xfe && head[1] === 0xff);
  if (plainStart) {
    const rows: CsvRow[] = [];
    // Only the first row's completion matters: a later row left open is no problem here.
    new CsvParser(file, opts).push(head.toString("latin1"), false, rows);
    const first = rows[0];
    if (first && /^[\x20-\x7e]*$/.test(first.cells.join(","))) return first.cells;
    if (head.length === 0) return undefined;
  }
  for (const row of csvFileRows(file, opts)) return row.cells;
  return undefined;
}

/** Streams the records of the CSV files (or folders) given (see the module comment). */
export function streamRecordsCsv(paths: readonly string[], opts: StreamCsvOptions = {}): CsvStream {
  const d = importDefaults(opts.today ?? todayIso(), opts.defaults);
  const issues: Issue[] = [];
  const notices: Issue[] = [];
  const tables: Table[] = csvTables(paths).map(({ file, kind }) => {
    const header = headerOf(file, opts);
    if (!header) throw emptyFileError(file);
    return {
      file,
      kind,
      size: statSync(file).size,
      reader: new TableReader(kind, header, file, d),
    };
  });
  for (const t of tables) issues.push(...t.reader.headerIssues);
  const citesImport = tables.some((t) => t.reader.citesImportSource);
  let total = tables.reduce((n, t) => n + t.size, 0);
  let done = 0;
  let records = 0;
  opts.onBytes?.(0, total);

  /** The data rows of a table, reported in bytes as they are read; its notices to `told`. */
  function* rowsOf(t: Table, told: Issue[] = notices): Generator<CsvRow> {
    let seen = 0;
    let first = true;
    for (const row of csvFileRows(t.file, {
      ...opts,
      notices: told,
      onBytes: (n) => {
        done += n - seen;
        seen = n;
        opts.onBytes?.(done, total);
      },
    })) {
      if (first) {
        first = false;
        continue;
      }
      yield row;
    }
  }

  /** Records of `kind` from table `t`, with their lines; problems go to `out`. */
  function* recordsOf(
    t: Table,
    kind: RecordKind,
    out: Issue[],
    count = false,
    told: Issue[] = notices,
  ): Generator<[RawRecord, number]> {
    for (const row of rowsOf(t, told)) {
      if (count) records++;
      const r = t.reader.record(row, out, count);
      if (r && r[0] === kind) yield [r[1], row.line];
    }
  }

  /** The commodities of each asset, from the production tables. */
  function commodities(out: Issue[]): Map<string, string[]> {
    function* all() {
      for (const t of tables)
        if (t.kind === "production") for (const [rec] of recordsOf(t, "production", out)) yield rec;
    }
    return commoditiesByAsset(all());
  }

  /**
   * The same map made on the first reading, a thousand production rows at a step, so a reader
   * may make it ahead of the assets (`prepare`); the tables read are added to the bytes to read.
   * What the reading meets, its notices and the error that ends it, is held until the assets
   * ask for the map (`commoditiesFirst`), where reading on one thread meets it: made ahead or
   * not, the notices and the first error are the same.
   */
  let byAssetMade: Map<string, string[]> | undefined;
  let making: Generator<undefined, Map<string, string[]>> | undefined;
  const heldNotices: Issue[] = [];
  let heldError: { error: unknown } | undefined;
  function* commoditiesStepwise(): Generator<undefined, Map<string, string[]>> {
    const production = tables.filter((t) => t.kind === "production");
    total += production.reduce((n, t) => n + t.size, 0);
    const out = new Map<string, string[]>();
    let n = 0;
    for (const t of production)
      for (const [rec] of recordsOf(t, "production", [], false, heldNotices)) {
        addCommodity(out, rec);
        if ((++n & 1023) === 0) yield;
      }
    return out;
  }
  /** A step of making the map; false once it is made or has failed. */
  function commoditiesStep(): boolean {
    if (byAssetMade || heldError) return false;
    making ??= commoditiesStepwise();
    try {
      const r = making.next();
      if (r.done) byAssetMade = r.value;
      return !r.done;
    } catch (error) {
      heldError = { error };
      return false;
    }
  }
  function commoditiesFirst(): Map<string, string[]> {
    while (commoditiesStep());
    notices.push(...heldNotices.splice(0));
    if (heldError) throw heldError.error;
    return byAssetMade as Map<string, string[]>;
  }

  const assetsFromEntities = () =>
    tables.filter((t) => t.kind === "entities" && t.reader.assetRows > 0);

  /** Every record of `kind` in file order; `out` receives the rows' problems (once per row). */
  function* kindRecords(
    kind: RecordKind,
    out: Issue[],
    first: boolean,
  ): Generator<[RawRecord, TableReader, number]> {
    if (kind === "sources" && citesImport)
      yield [
        importSourceRecord(
          tables.map((t) => basename(t.file)),
          d,
        ),
        tables[0]?.reader as TableReader,
        0,
      ];
    for (const t of tables)
      if (t.kind === kind)
        for (const [rec, line] of recordsOf(t, kind, out, first)) yield [rec, t.reader, line];
    if (kind !== "assets") return;
    // Read again (to locate), every entity table: the asset rows are counted on the first
    // reading, which another stream may have done (a reading thread's).
    const fromEntities = first ? assetsFromEntities() : tables.filter((t) => t.kind === "entities");
    if (fromEntities.length === 0) return;
    // The entity tables are read again (the production tables too: `commoditiesStepwise`).
    if (first) total += fromEntities.reduce((n, t) => n + t.size, 0);
    const byAsset = first ? commoditiesFirst() : (byAssetMade ?? commodities([]));
    const quiet: Issue[] = [];
    for (const t of fromEntities)
      for (const [rec, line] of recordsOf(t, "assets", quiet)) {
        const list = byAsset.get(String(rec.id));
        if (!list) {
          if (first) out.push(noProduction(t.reader, String(rec.id), line));
          continue;
        }
        rec.commodities = list;
        yield [rec, t.reader, line];
      }
  }

  const kinds = [
    ...new Set([...tables.map((t) => t.kind), ...(citesImport ? ["sources" as const] : [])]),
  ];
  if (tables.some((t) => t.kind === "entities")) kinds.push("assets");
  const dataset: Partial<Record<RecordKind, Iterable<unknown>>> = {};
  for (const kind of new Set(kinds))
    Object.defineProperty(dataset, kind, {
      enumerable: true,
      get: () =>
        (function* () {
          for (const [rec, reader, line] of kindRecords(kind, issues, true)) {
            reader.futureDated(kind, rec, line, issues);
            yield rec;
          }
          if (kind === lastKind(kinds)) {
            for (const t of tables) {
              const n = t.reader.notice();
              if (n) notices.push(n);
            }
            if (records === 0) throw noRecordsError(paths);
          }
        })(),
    });

  return {
    dataset: dataset as Partial<Dataset>,
    issues,
    notices,
    prepare() {
      // Only entity tables with asset rows need the map: it is made once the first reading has
      // met an asset row (until then, whether any will come is not known).
      return assetsFromEntities().length > 0 && commoditiesStep();
    },
    locate(found) {
      const wanted = new Map<RecordKind, Set<string>>();
      const kindOf = (i: Issue) => {
        const [k, ...id] = (i.record ?? "").split(" ");
        return { kind: k as RecordKind, id: id.join(" ") };
      };
      for (const i of found) {
        if (i.file !== undefined || i.record === undefined) continue;
        const { kind, id } = kindOf(i);
        if (!kinds.includes(kind)) continue;
        const set = wanted.get(kind) ?? new Set<string>();
        wanted.set(kind, set);
        set.add(id);
      }
      const where = new Map<string, { reader: TableReader; line: number }>();
      for (const [kind, ids] of wanted) {
        let n = 0;
        for (const [rec, reader, line] of kindRecords(kind, [], false)) {
          const id = typeof rec.id === "string" ? rec.id : "";
          const ordinal = `#${++n}`;
          if (ids.has(id)) where.set(`${kind} ${id}`, { reader, line });
          if (ids.has(ordinal)) where.set(`${kind} ${ordinal}`, { reader, line });
        }
      }
      return found.map((i) => {
        const w = i.record === undefined || i.file !== undefined ? undefined : where.get(i.record);
        if (!w || w.line === 0) return i;
        return { ...i, ...w.reader.at(w.line, w.reader.columnOf(i.path)) };
      });
    },
  };
}

/** The kind read last of `kinds`, in the store's order (`RECORD_KINDS`). */
function lastKind(kinds: readonly RecordKind[]): RecordKind | undefined {
  return [...kinds].sort((a, b) => RECORD_KINDS.indexOf(a) - RECORD_KINDS.indexOf(b)).at(-1);
}
