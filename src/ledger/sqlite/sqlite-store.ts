/**
 * The embedded store: one SQLite file through better-sqlite3, created and migrated on first
 * use. WAL journal, so a process killed mid-write leaves the file as of its last commit; a
 * large load into an empty dataset runs under the rollback journal instead when its connection
 * is the file's only one (`withRollbackJournal`), which a crash leaves hot for the next open to
 * roll back: the same guarantee.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { OrebookError } from "../../model/errors.js";
import { KyselyLedger, type RecordRow } from "../kysely-ledger.js";
import type { Ledger } from "../ledger.js";
import type { LedgerTables } from "../schema.js";

export interface SqliteStoreOptions {
  /** The database file; created with its folder when missing. `:memory:` for a throwaway. */
  path: string;
  /** Run pending migrations on open (default true). */
  migrate?: boolean;
  /** The clock recorded times default to. */
  clock?: () => Date;
  /**
   * Page cache in MB (default 64). A 3.5M-record import inserts as fast with 64 MB as with
   * 1 GB (its keys arrive in near key order, and a long transaction spills to the log anyway),
   * and a snapshot reads every page once: a larger cache only adds to the process's memory.
   */
  cacheMb?: number;
}

const INSERT_COLUMNS = `INSERT INTO records (dataset_id, kind, record_id, version, ordinal,
  valid_from, valid_to, recorded_at, recorded_by, source_ids, deleted, body, change_note, is_current,
  text1, text2, text3, num1, node1, node2, num2, num3, text4)
  VALUES `;
const ROW_PARAMS = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
/** The records' columns, in `INSERT_COLUMNS` order. */
const COLUMNS = [
  "dataset_id",
  "kind",
  "record_id",
  "version",
  "ordinal",
  "valid_from",
  "valid_to",
  "recorded_at",
  "recorded_by",
  "source_ids",
  "deleted",
  "body",
  "change_note",
  "is_current",
  "text1",
  "text2",
  "text3",
  "num1",
  "node1",
  "node2",
  "num2",
  "num3",
  "text4",
] as const satisfies readonly (keyof RecordRow)[];
/**
 * The columns an import's rows share (dataset, kind, version, recorded time and actor, sources,
 * note, flags): bound once per statement by name when a statement's rows share them, instead
 * of once per row (each bound value costs a call and a copy into SQLite).
 */
const SHARED = [
  "dataset_id",
  "kind",
  "version",
  "recorded_at",
  "recorded_by",
  "source_ids",
  "deleted",
  "change_note",
  "is_current",
] as const;
const SHARED_SET: ReadonlySet<string> = new Set(SHARED);
/**
 * A row's own columns: bound per row, unless null in every row of the statement (written as
 * NULL in its text: a stake's validity, country, bounds and basis) or equal in every row (bound
 * once by name: mostly the body, `{"kind":"equity","sources":["csv-import"],"asOf":"…"}`).
 */
const OWN = COLUMNS.filter((c) => !SHARED_SET.has(c));
/** Rows per INSERT statement: one call into SQLite for many rows (23 × 64 parameters). */
const ROWS_PER_INSERT = 64;
/** Statement shapes kept per connection (a load uses a few per kind). */
const MAX_SHAPES = 64;

const insertSql = (rows: number, row = ROW_PARAMS) =>
  INSERT_COLUMNS + Array.from({ length: rows }, () => row).join(", ");

/** True when rows `from` to `to` (excluded) have the `SHARED` columns of row `from`. */
function sharing(rows: readonly RecordRow[], from: number, to: number): boolean {
  const a = rows[from] as RecordRow;
  for (let j = from + 1; j < to; j++) {
    const b = rows[j] as RecordRow;
    if (
      b.dataset_id !== a.dataset_id ||
      b.kind !== a.kind ||
      b.version !== a.version ||
      b.recorded_at !== a.recorded_at ||
      b.recorded_by !== a.recorded_by ||
      b.source_ids !== a.source_ids ||
      b.deleted !== a.deleted ||
      b.change_note !== a.change_note ||
      b.is_current !== a.is_current
    )
      return false;
  }
  return true;
}

/**
 * The shape of rows `from` to `to` (excluded) over `OWN`: per column "n" (null in every row),
 * "s" (the same value in every row) or "p" (bound per row).
 */
function shapeOf(rows: readonly RecordRow[], from: number, to: number): string {
  const a = rows[from] as RecordRow;
  let shape = "";
  for (const c of OWN) {
    const v = a[c];
    let same = true;
    for (let j = from + 1; j < to && same; j++) same = (rows[j] as RecordRow)[c] === v;
    shape += !same ? "p" : v === null ? "n" : "s";
  }
  return shape;
}

/** One row's placeholders for a statement of this shape (`shapeOf`). */
function rowParamsOf(shape: string): string {
  let own = 0;
  const cells = COLUMNS.map((c) => {
    if (SHARED_SET.has(c)) return `@${c}`;
    const s = shape[own++];
    return s === "n" ? "NULL" : s === "s" ? `@${c}` : "?";
  });
  return `(${cells.join(", ")})`;
}
/** Appends one row's parameters, in INSERT_COLUMNS order. */
function pushParams(out: unknown[], r: RecordRow): void {
  out.push(
    r.dataset_id,
    r.kind,
    r.record_id,
    r.version,
    r.ordinal,
    r.valid_from,
    r.valid_to,
    r.recorded_at,
    r.recorded_by,
    r.source_ids,
    r.deleted,
    r.body,
    r.change_note,
    r.is_current,
    r.text1,
    r.text2,
    r.text3,
    r.num1,
    r.node1,
    r.node2,
    r.num2,
    r.num3,
    r.text4,
  );
}

/**
 * Write transactions on one file, one at a time in this process. better-sqlite3 is
 * synchronous: a second connection waiting on SQLite's lock would block the very thread that
 * must finish the first, so writers queue here instead (other processes wait on the lock).
 */
const writeQueues = new Map<string, Promise<unknown>>();

function exclusiveFor<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const before = writeQueues.get(path) ?? Promise.resolve();
  const run = before.then(fn, fn);
  const settled = run.then(
    () => {},
    () => {},
  );
  writeQueues.set(path, settled);
  void settled.then(() => {
    if (writeQueues.get(path) === settled) writeQueues.delete(path);
  });
  return run;
}

/**
 * Runs `fn` with the rollback journal instead of the write-ahead log, if this connection can
 * switch (it is the file's only one; else `fn` runs on the log as usual). In the rollback
 * journal, a page appended past the file's end is written once, into the file: the journal
 * only keeps the pages the write changes that were there before, and the file's length, which
 * a rollback (or the next open after a crash: the journal is then hot) truncates back to. The
 * log writes every page twice (into the log, then into the file at the checkpoint the commit
 * triggers). While it runs, other processes wait for the file (as for any writer holding the
 * rollback journal's lock), where with the log they would read its last commit. Synchronous
 * FULL meanwhile: with the rollback journal, NORMAL could corrupt on a power loss.
 */
async function withRollbackJournal<T>(sqlite: Database.Database, fn: () => Promise<T>): Promise<T> {
  const timeout = sqlite.pragma("busy_timeout", { simple: true }) as number;
  let switched = false;
  try {
    // Another connection holds the log: refused at once rather than waited for.
    sqlite.pragma("busy_timeout = 0");
    switched = sqlite.pragma("journal_mode = DELETE", { simple: true }) === "delete";
  } catch {
    switched = false;
  } finally {
    sqlite.pragma(`busy_timeout = ${timeout}`);
  }
  if (!switched) return fn();
  sqlite.pragma("synchronous = FULL");
  try {
    return await fn();
  } finally {
    try {
      sqlite.pragma("journal_mode = WAL");
    } catch {
      // Another process opened the file meanwhile: the next connection that opens it sets
      // the log again (`openSqliteLedger`), and this one works in either.
    }
    sqlite.pragma("synchronous = NORMAL");
  }
}

/** Opens (creating when needed) the SQLite ledger at `opts.path`. */
export async function openSqliteLedger(opts: SqliteStoreOptions): Promise<Ledger> {
  const memory = opts.path === ":memory:";
  const path = memory ? opts.path : resolve(opts.path);
  let sqlite: Database.Database;
  try {
    if (!memory) mkdirSync(dirname(path), { recursive: true });
    sqlite = new Database(path);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("busy_timeout = 10000");
    sqlite.pragma("temp_store = MEMORY");
    sqlite.pragma(`cache_size = -${Math.round((opts.cacheMb ?? 64) * 1024)}`);
  } catch (e) {
    throw new OrebookError(
      "BAD_INPUT",
      `Cannot open the SQLite store ${path}: ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  }
  let insertOne: Database.Statement | undefined;
  let insertMany: Database.Statement | undefined;
  // Statements of shared rows by shape (`shapeOf`), with the columns each binds per row and
  // once by name.
  type OwnColumn = (typeof OWN)[number];
  const insertShared = new Map<
    string,
    { statement: Database.Statement; perRow: OwnColumn[]; byName: (keyof RecordRow)[] }
  >();
  const db = new Kysely<LedgerTables>({ dialect: new SqliteDialect({ database: sqlite }) });
  const ledger = new KyselyLedger(
    db,
    {
      dialect: "sqlite",
      location: path,
      ...(memory ? {} : { address: { dialect: "sqlite", path } }),
      // Kysely's SQLite driver holds this one connection, so these run inside its transaction.
      async insertRows(_trx, rows: readonly RecordRow[]) {
        let i = 0;
        if (rows.length >= ROWS_PER_INSERT) {
          const params: unknown[] = [];
          for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
            params.length = 0;
            const end = i + ROWS_PER_INSERT;
            if (sharing(rows, i, end)) {
              const shape = shapeOf(rows, i, end);
              let shared = insertShared.get(shape);
              if (shared === undefined) {
                if (insertShared.size >= MAX_SHAPES) insertShared.clear();
                shared = {
                  statement: sqlite.prepare(insertSql(ROWS_PER_INSERT, rowParamsOf(shape))),
                  perRow: OWN.filter((_, k) => shape[k] === "p"),
                  byName: [...SHARED, ...OWN.filter((_, k) => shape[k] === "s")],
                };
                insertShared.set(shape, shared);
              }
              const perRow = shared.perRow;
              for (let j = i; j < end; j++) {
                const r = rows[j] as RecordRow;
                for (const c of perRow) params.push(r[c]);
              }
              const first = rows[i] as RecordRow;
              const named: Record<string, unknown> = {};
              for (const c of shared.byName) named[c] = first[c];
              shared.statement.run(params, named);
              continue;
            }
            insertMany ??= sqlite.prepare(insertSql(ROWS_PER_INSERT));
            for (let j = i; j < end; j++) pushParams(params, rows[j] as RecordRow);
            insertMany.run(params);
          }
        }
        insertOne ??= sqlite.prepare(insertSql(1));
        for (; i < rows.length; i++) {
          const params: unknown[] = [];
          pushParams(params, rows[i] as RecordRow);
          insertOne.run(params);
        }
      },
      // Same query, run on the raw handle: rows as arrays skip an object per row.
      async selectTuples(_db, query) {
        return sqlite
          .prepare(query.sql)
          .raw(true)
          .all(...(query.parameters as unknown[])) as unknown[][];
      },
      iterateTuples(_db, query) {
        return sqlite
          .prepare(query.sql)
          .raw(true)
          .iterate(...(query.parameters as unknown[])) as Iterable<unknown[]>;
      },
      isWriteConflict: (e) => {
        const code = String((e as { code?: unknown } | null)?.code);
        return code.startsWith("SQLITE_CONSTRAINT") || code.startsWith("SQLITE_BUSY");
      },
      exclusive: (fn) => exclusiveFor(path, fn),
      ...(memory
        ? {}
        : { bulkJournal: <T>(fn: () => Promise<T>) => withRollbackJournal(sqlite, fn) }),
      async close() {
        // Kysely's destroy() closes the better-sqlite3 handle.
      },
    },
    opts.clock ? { clock: opts.clock } : {},
  );
  if (opts.migrate !== false) await ledger.migrate();
  return ledger;
}
