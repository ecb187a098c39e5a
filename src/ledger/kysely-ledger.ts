/**
 * The ledger over Kysely: one implementation of `Ledger` for every store. A store
 * (`sqlite/sqlite-store.ts`, `postgres/postgres-store.ts`) only opens the connection and says
 * how to insert many rows fast; every query here is written once for both dialects, save one
 * read SQLite answers faster another way (`registerFromColumns`: the register cache built from
 * whole columns, PostgreSQL reading the rows as before).
 *
 * Writers of one dataset are serialised by the dataset's row (every write transaction first
 * touches it), so the version check of a put cannot race; optimistic concurrency is the
 * `expectedVersion` the writer read.
 */
import { createHash } from "node:crypto";
import {
  type CompiledQuery,
  type Kysely,
  type SelectQueryBuilder,
  sql,
  type Transaction,
} from "kysely";
import { bulkRecord } from "../model/bulk-records.js";
import {
  type Dataset,
  emptyDataset,
  isRecordKind,
  RECORD_KINDS,
  RECORD_SCHEMAS,
  type RecordKind,
} from "../model/dataset.js";
import { isIsoDate } from "../model/dates.js";
import { type Issue, issueToString, OrebookError } from "../model/errors.js";
import { type World, worldFromOwned } from "../model/world.js";
import { DatasetChecker, type StakeFacts } from "./dataset-checker.js";
import {
  type DatasetAtOptions,
  type DatasetInfo,
  datasetIdFrom,
  type KnownAtOptions,
  knownAtBound,
  type Ledger,
  type LoadOptions,
  type LoadResult,
  type PutOptions,
  type RecordVersion,
  recordedAtFrom,
  type SnapshotOptions,
  type StoreAddress,
} from "./ledger.js";
import {
  createKeyIndex,
  createReferenceIndexes,
  dropKeyIndex,
  dropReferenceIndexes,
  migrateTo,
  restoreReferenceIndexes,
  schemaVersionOf,
} from "./migrations.js";
import {
  encodedKey,
  encodeRecord,
  isLiftedKind,
  nodeNumber,
  RecordDecoder,
  registerColumnsOf,
} from "./record-codec.js";
import { type CachedRegister, packRegister, unpackRegister } from "./register-cache.js";
import {
  type KindArrays,
  type KindColumns,
  KindColumnsBuilder,
  NumberColumn,
  type RegisterArrays,
  type RegisterColumns,
  registerFromArrays,
} from "./register-columns.js";
import type { LedgerTables, RecordsTable } from "./schema.js";

/** The columns `registerAt` reads. */
type RegisterColumn =
  | "valid_from"
  | "valid_to"
  | "record_id"
  | "body"
  | "text1"
  | "text2"
  | "text3"
  | "num1"
  | "node1"
  | "node2"
  | "num2"
  | "num3";

import {
  type Change,
  NAMED_KINDS,
  type PlacedRecord,
  type TouchedStore,
  touchedIssues,
} from "./touched-issues.js";

export type Db = Kysely<LedgerTables> | Transaction<LedgerTables>;
export type RecordRow = Omit<RecordsTable, "deleted" | "is_current"> & {
  deleted: number;
  is_current: number;
};

/** What a store adds to the shared ledger. */
export interface StoreAdapter {
  readonly dialect: "sqlite" | "postgres";
  readonly location: string;
  /** See `Ledger.address`. */
  readonly address?: StoreAddress | undefined;
  /** Inserts rows inside the open transaction `trx`, as fast as the driver allows. */
  insertRows(trx: Transaction<LedgerTables>, rows: readonly RecordRow[]): Promise<void>;
  /** Runs a compiled SELECT on `db` (the ledger or an open transaction): rows as arrays. */
  selectTuples(db: Db, query: CompiledQuery): Promise<unknown[][]>;
  /**
   * Runs a compiled SELECT and yields its rows as arrays one at a time, without holding the
   * result (SQLite). A store without it is read in pages.
   */
  iterateTuples?(db: Db, query: CompiledQuery): Iterable<unknown[]>;
  /** True when `e` says another writer got there first (a taken key, a busy store). */
  isWriteConflict(e: unknown): boolean;
  /**
   * Runs a write transaction, one at a time per store where the database cannot queue
   * writers itself without blocking the process (SQLite); PostgreSQL runs `fn` as it is.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Runs `fn`, a large load into an empty dataset and the indexes built after it, with the
   * file's rollback journal instead of its write-ahead log when this connection is the file's
   * only one (SQLite): pages the load appends are written once, to the file, instead of to
   * the log and then copied into the file at the commit. A rollback or a crash still undoes
   * the whole load (the journal truncates the file back). Back to the log afterwards.
   */
  bulkJournal?<T>(fn: () => Promise<T>): Promise<T>;
  /** Closes the connection(s) after Kysely is done. */
  close(): Promise<void>;
}

export interface KyselyLedgerOptions {
  /** The clock recorded times default to. */
  clock?: () => Date;
}

/** Rows read per query when scanning a dataset. */
const PAGE = 50_000;
/**
 * Rows handed to the store per insert call during a load (ten SQLite statements of 64 rows).
 * Small on purpose: the rows of a batch are held until it is written, so they outlive the young
 * generation's collections and are copied, then promoted; at 5,000 rows the scavenges of a
 * 200k-entity import took about a quarter of its JavaScript time.
 */
const BATCH = 640;
/** Records read between two progress reports. */
const PROGRESS_EVERY = 5_000;
/**
 * Rows a load into an empty SQLite dataset writes before it drops the records' indexes and
 * builds them again once written (see `load`): below this, keeping them is as quick.
 */
const BULK_ROWS = 20_000;
/** Record ids per UPDATE when a load supersedes current versions. */
const RETIRE_CHUNK = 500;

/**
 * kind, record_id, version, ordinal, deleted, body, recorded_at, text1, text2, text3, num1: a
 * scan's columns, in order.
 */
type LatestTuple = [
  string,
  string,
  number,
  number,
  number,
  string | null,
  string,
  string | null,
  string | null,
  string | null,
  number | null,
];
/** The lifted columns, after the body wherever a query reads it. */
const LIFTED_COLUMNS = ["text1", "text2", "text3", "num1"] as const;

/** What a load needs of a record's current version. */
interface CurrentRow {
  version: number;
  ordinal: number;
  deleted: number;
  /** A hash of the stored body; null on a tombstone. */
  hash: string | null;
  recorded_at: string;
}

/** A digest of a row's encoding, to tell an identical record from a changed one without keeping it. */
function hashOf(encoded: string): string {
  return createHash("sha1").update(encoded).digest("base64");
}

const keyOf = (kind: string, id: string) => `${kind}\u0000${id}`;

function invalid(datasetId: string, issues: Issue[]): OrebookError {
  const first = issues[0];
  const n = issues.length;
  return new OrebookError(
    "INVALID_DATA",
    `Nothing was written to dataset ${datasetId}: ${n} problem${n === 1 ? "" : "s"}${
      first ? `, the first: ${issueToString(first)}` : ""
    }`,
    { issues },
  );
}

function actorFrom(actor: string): string {
  if (typeof actor !== "string" || actor.trim() === "")
    throw new OrebookError("BAD_INPUT", "Every write names its actor: actor is empty");
  return actor;
}

/**
 * Checks one record against its kind's schema; returns the parsed record or the issues. `at`
 * names a record without an id: a label, or its number in its kind (`#n`, made only then).
 */
function parseRecord(
  kind: RecordKind,
  raw: unknown,
  at: string | number,
): { ok: true; value: Record<string, unknown> & { id: string } } | { ok: false; issues: Issue[] } {
  // A register's entities, assets, stakes and figures in an import's shape are checked by
  // the same rules written out; anything else by the schema, which locates the problem.
  const bulk = bulkRecord(kind, raw);
  if (bulk !== undefined) return { ok: true, value: bulk };
  const result = RECORD_SCHEMAS[kind].safeParse(raw);
  if (result.success)
    return { ok: true, value: result.data as unknown as Record<string, unknown> & { id: string } };
  const id = (raw as { id?: unknown } | null)?.id;
  const record = `${kind} ${typeof id === "string" ? id : typeof at === "number" ? `#${at}` : at}`;
  return {
    ok: false,
    issues: result.error.issues.map((i) => ({
      record,
      path: i.path.map((p) => (typeof p === "number" ? p : String(p))),
      message: i.message,
    })),
  };
}

function sameStrings(a: readonly unknown[], b: readonly unknown[] | undefined): boolean {
  if (b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The JSON of the last sources array written, by identity: shared arrays serialise once. */
let lastSourceList: unknown;
let lastSourceJson = "[]";

function sourceIdsJson(sources: readonly string[]): string {
  if (sources !== lastSourceList) {
    lastSourceJson = JSON.stringify(sources);
    lastSourceList = sources;
  }
  return lastSourceJson;
}

function rowFor(
  datasetId: string,
  kind: RecordKind,
  rec: Record<string, unknown> & { id: string },
  version: number,
  ordinal: number,
  recordedAt: string,
  actor: string,
  note: string | undefined,
  nodeOf: (id: string) => number | undefined,
): RecordRow {
  const sources = kind === "sources" ? [rec.id] : ((rec.sources as string[] | undefined) ?? []);
  const encoded = encodeRecord(kind, rec);
  const copies = registerColumnsOf(kind, rec, ordinal, nodeOf);
  return {
    dataset_id: datasetId,
    kind,
    record_id: rec.id,
    version,
    ordinal,
    valid_from: typeof rec.validFrom === "string" ? rec.validFrom : null,
    valid_to: typeof rec.validTo === "string" ? rec.validTo : null,
    recorded_at: recordedAt,
    recorded_by: actor,
    source_ids: sourceIdsJson(sources),
    deleted: 0,
    body: encoded.body,
    text1: encoded.text1,
    text2: encoded.text2,
    text3: encoded.text3,
    num1: encoded.num1,
    node1: copies.node1,
    node2: copies.node2,
    num2: copies.num2,
    num3: copies.num3,
    text4: copies.text4,
    change_note: note ?? null,
    is_current: 1,
  };
}

function versionFrom(r: RecordRow): RecordVersion {
  const v: RecordVersion = {
    datasetId: r.dataset_id,
    kind: r.kind as RecordKind,
    id: r.record_id,
    version: Number(r.version),
    validFrom: r.valid_from,
    validTo: r.valid_to,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
    sources: JSON.parse(r.source_ids) as string[],
    note: r.change_note,
    deleted: Number(r.deleted) === 1,
  };
  if (r.body !== null)
    v.record = new RecordDecoder().decode(
      r.kind,
      r.record_id,
      r.body,
      r.text1,
      r.text2,
      r.text3,
      r.num1 === null ? null : Number(r.num1),
    );
  return v;
}

/** The record of a tuple holding body, text1, text2, text3, num1 from index `at` on. */
function decodeTuple(
  decoder: RecordDecoder,
  kind: string,
  id: unknown,
  t: readonly unknown[],
  at: number,
): Record<string, unknown> {
  const num1 = t[at + 4];
  return decoder.decode(
    kind,
    String(id),
    t[at] as string,
    (t[at + 1] ?? null) as string | null,
    (t[at + 2] ?? null) as string | null,
    (t[at + 3] ?? null) as string | null,
    num1 === null || num1 === undefined ? null : Number(num1),
  );
}

/** Folds latest rows into a dataset, each kind in its records' ordinal order. */
class DatasetBuilder {
  private readonly kinds = new Map<string, { ordinals: number[]; recs: unknown[] }>();
  add(kind: string, ordinal: number, rec: unknown): void {
    let k = this.kinds.get(kind);
    if (!k) {
      k = { ordinals: [], recs: [] };
      this.kinds.set(kind, k);
    }
    k.ordinals.push(ordinal);
    k.recs.push(rec);
  }
  build(): Dataset {
    const ds = emptyDataset() as unknown as Record<string, unknown[]>;
    for (const [kind, { ordinals, recs }] of this.kinds) {
      if (!isRecordKind(kind)) continue;
      let sorted = true;
      for (let i = 1; i < ordinals.length && sorted; i++)
        sorted = (ordinals[i - 1] as number) <= (ordinals[i] as number);
      if (sorted) ds[kind] = recs;
      else {
        // Dense arrays sorted by ordinal (a stable sort keeps ties in scan order).
        const order = Array.from(ordinals.keys()).sort(
          (a, b) => (ordinals[a] as number) - (ordinals[b] as number),
        );
        ds[kind] = order.map((i) => recs[i]);
      }
    }
    return ds as unknown as Dataset;
  }
}

export class KyselyLedger implements Ledger {
  readonly dialect: "sqlite" | "postgres";
  readonly location: string;
  private readonly clock: () => Date;

  constructor(
    private readonly db: Kysely<LedgerTables>,
    private readonly adapter: StoreAdapter,
    opts: KyselyLedgerOptions = {},
  ) {
    this.dialect = adapter.dialect;
    this.location = adapter.location;
    this.clock = opts.clock ?? (() => new Date());
  }

  address(): StoreAddress | undefined {
    return this.adapter.address;
  }

  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.adapter.exclusive(fn);
  }

  async migrate(opts: { to?: number } = {}): Promise<{ from: number; to: number }> {
    const r = await migrateTo(this.db, opts.to);
    // Indexes a bulk load dropped and did not live to rebuild are built again on open.
    if (opts.to === undefined) await restoreReferenceIndexes(this.db, r.to);
    return r;
  }

  schemaVersion(): Promise<number> {
    return schemaVersionOf(this.db);
  }

  async datasets(): Promise<DatasetInfo[]> {
    const rows = await this.db.selectFrom("datasets").selectAll().orderBy("dataset_id").execute();
    return rows.map((r) => ({
      id: r.dataset_id,
      createdAt: r.created_at,
      createdBy: r.created_by,
      updatedAt: r.updated_at,
      sequence: Number(r.revision),
    }));
  }

  async isEmpty(datasetId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("records")
      .select("record_id")
      .where("dataset_id", "=", datasetIdFrom(datasetId))
      .limit(1)
      .executeTakeFirst();
    return row === undefined;
  }

  private timeOf(t: string | Date | undefined): string {
    return recordedAtFrom(t ?? this.clock());
  }

  /**
   * Takes the dataset's write lock (creating the dataset on its first write). `touch` moves its
   * revision (`updated_at`) to `at` at once; a load takes the lock without it and moves the
   * revision only once it has written something, so a load that changes nothing changes no
   * revision (nor any ETag).
   */
  private async lockDataset(trx: Db, datasetId: string, actor: string, at: string, touch = true) {
    await trx
      .insertInto("datasets")
      .values({
        dataset_id: datasetId,
        created_at: at,
        created_by: actor,
        updated_at: at,
        revision: touch ? 1 : 0,
      })
      .onConflict((oc) =>
        oc
          .column("dataset_id")
          .doUpdateSet(
            touch
              ? { updated_at: at, revision: (eb) => eb("datasets.revision", "+", 1) }
              : { updated_at: (eb) => eb.ref("datasets.updated_at") },
          ),
      )
      .execute();
  }

  /** Visits the latest version (recorded by `bound`) of every record of the dataset. */
  private async scanLatest(
    db: Db,
    datasetId: string,
    bound: string | undefined,
    visit: (row: LatestTuple) => void,
    kinds?: readonly RecordKind[],
  ): Promise<void> {
    let after: [string, string, number] | undefined;
    let pending: LatestTuple | undefined;
    for (;;) {
      let q = db
        .selectFrom("records")
        .select([
          "kind",
          "record_id",
          "version",
          "ordinal",
          "deleted",
          "body",
          "recorded_at",
          ...LIFTED_COLUMNS,
        ])
        .where("dataset_id", "=", datasetId);
      if (bound !== undefined) q = q.where("recorded_at", "<=", bound);
      if (kinds !== undefined) q = q.where("kind", "in", kinds.length > 0 ? kinds : [""]);
      if (after) {
        const [k, id, v] = after;
        q = q.where(({ eb, refTuple, tuple }) =>
          eb(refTuple("kind", "record_id", "version"), ">", tuple(k, id, v)),
        );
      }
      const compiled = q
        .orderBy("kind")
        .orderBy("record_id")
        .orderBy("version")
        .limit(PAGE)
        .compile();
      const rows = (await this.adapter.selectTuples(db, compiled)) as LatestTuple[];
      for (const r of rows) {
        if (pending && (pending[0] !== r[0] || pending[1] !== r[1])) visit(pending);
        pending = r;
      }
      const last = rows[rows.length - 1];
      if (rows.length < PAGE || !last) break;
      after = [last[0], last[1], Number(last[2])];
    }
    if (pending) visit(pending);
  }

  /**
   * Visits the current version of every record of the dataset (tombstones only when
   * `withDeleted`), kind by kind in ordinal order, through the partial index on current rows.
   * Each row is `[kind, ordinal, record_id, ...extra]`.
   */
  private async scanCurrent(
    db: Db,
    datasetId: string,
    extra: readonly (
      | "version"
      | "deleted"
      | "body"
      | "recorded_at"
      | "text1"
      | "text2"
      | "text3"
      | "num1"
    )[],
    withDeleted: boolean,
    visit: (row: unknown[]) => void,
    kinds?: readonly RecordKind[],
  ): Promise<void> {
    const query = () => {
      let q = db
        .selectFrom("records")
        .select(["kind", "ordinal", "record_id", ...extra])
        .where("dataset_id", "=", datasetId)
        // A literal, not a parameter: SQLite then picks the partial index.
        .where("is_current", "=", sql.lit(1));
      if (!withDeleted) q = q.where("deleted", "=", sql.lit(0));
      if (kinds !== undefined) q = q.where("kind", "in", kinds.length > 0 ? kinds : [""]);
      return q;
    };
    if (this.adapter.iterateTuples) {
      const compiled = query().orderBy("kind").orderBy("ordinal").compile();
      for (const row of this.adapter.iterateTuples(db, compiled)) visit(row);
      return;
    }
    let after: [string, number, string] | undefined;
    for (;;) {
      let q = query();
      if (after) {
        const [k, o, id] = after;
        q = q.where(({ eb, refTuple, tuple }) =>
          eb(refTuple("kind", "ordinal", "record_id"), ">", tuple(k, o, id)),
        );
      }
      const compiled = q
        .orderBy("kind")
        .orderBy("ordinal")
        .orderBy("record_id")
        .limit(PAGE)
        .compile();
      const rows = await this.adapter.selectTuples(db, compiled);
      for (const r of rows) visit(r);
      const last = rows[rows.length - 1];
      if (rows.length < PAGE || !last) break;
      after = [String(last[0]), Number(last[1]), String(last[2])];
    }
  }

  /** The dataset as it is now: the current version of each live record. */
  private async foldCurrent(
    db: Db,
    datasetId: string,
    kinds: readonly RecordKind[] = RECORD_KINDS,
  ): Promise<Dataset> {
    const ds = emptyDataset() as unknown as Record<string, unknown[]>;
    const decoder = new RecordDecoder();
    // Bodies were checked with their schema when written: decoded, not validated again.
    if (this.adapter.iterateTuples) {
      let lastSources: unknown[] | undefined;
      // Kind by kind, in ordinal order: no kind or ordinal to convert for each row.
      for (const k of kinds) {
        const list = ds[k] as unknown[];
        const compiled = db
          .selectFrom("records")
          .select(["record_id", "body", ...LIFTED_COLUMNS])
          .where("dataset_id", "=", datasetId)
          .where("kind", "=", k)
          .where("is_current", "=", sql.lit(1))
          .where("deleted", "=", sql.lit(0))
          .orderBy("ordinal")
          .compile();
        for (const r of this.adapter.iterateTuples(db, compiled)) {
          if (typeof r[1] !== "string") continue;
          const rec = decoder.decode(
            k,
            r[0] as string,
            r[1],
            r[2] as string | null,
            r[3] as string | null,
            r[4] as string | null,
            r[5] as number | null,
          ) as { sources?: unknown };
          // Consecutive records mostly cite the same sources: keep one array for them, and
          // the parsed copy dies young (fewer objects for the collector to move and keep).
          if (Array.isArray(rec.sources)) {
            if (sameStrings(rec.sources, lastSources)) rec.sources = lastSources;
            else lastSources = rec.sources;
          }
          list.push(rec);
        }
      }
      return ds as unknown as Dataset;
    }
    let kind: string | undefined;
    let list: unknown[] | undefined;
    // Rows come kind by kind in ordinal order: each record is pushed where it belongs.
    await this.scanCurrent(
      db,
      datasetId,
      ["body", ...LIFTED_COLUMNS],
      false,
      (r) => {
        if (r[0] !== kind) {
          kind = r[0] as string;
          list = isRecordKind(kind) ? ds[kind] : undefined;
        }
        if (list && typeof r[3] === "string")
          list.push(decodeTuple(decoder, kind as string, r[2], r, 3));
      },
      kinds === RECORD_KINDS ? undefined : kinds,
    );
    return ds as unknown as Dataset;
  }

  private async foldAt(
    db: Db,
    datasetId: string,
    bound: string | undefined,
    kinds?: readonly RecordKind[],
  ): Promise<Dataset> {
    const builder = new DatasetBuilder();
    const decoder = new RecordDecoder();
    await this.scanLatest(
      db,
      datasetId,
      bound,
      (r) => {
        if (r[5] === null || Number(r[4]) === 1) return;
        builder.add(
          r[0],
          Number(r[3]),
          decoder.decode(r[0], r[1], r[5], r[7], r[8], r[9], r[10] === null ? null : Number(r[10])),
        );
      },
      kinds,
    );
    return builder.build();
  }

  async datasetAt(datasetId: string, opts: DatasetAtOptions = {}): Promise<Dataset> {
    const id = datasetIdFrom(datasetId);
    const bound = knownAtBound(opts.knownAt);
    return bound === undefined
      ? this.foldCurrent(this.db, id, opts.kinds)
      : this.foldAt(this.db, id, bound, opts.kinds);
  }

  /**
   * Visits the rows of a query on one kind, in ordinal order: in one pass where the store can
   * stream, else in pages after the last ordinal seen (`query(after)` adds the condition).
   */
  private async eachByOrdinal(
    db: Db,
    query: (after: number | undefined) => SelectQueryBuilder<LedgerTables, "records", object>,
    visit: (row: unknown[]) => void,
  ): Promise<void> {
    if (this.adapter.iterateTuples) {
      const compiled = query(undefined).orderBy("ordinal").compile();
      for (const row of this.adapter.iterateTuples(db, compiled)) visit(row);
      return;
    }
    let after: number | undefined;
    for (;;) {
      const compiled = query(after).orderBy("ordinal").limit(PAGE).compile();
      const rows = await this.adapter.selectTuples(db, compiled);
      for (const r of rows) visit(r);
      const last = rows[rows.length - 1];
      if (rows.length < PAGE || !last) break;
      after = Number(last[0]);
    }
  }

  async registerAt(datasetId: string, opts: SnapshotOptions): Promise<RegisterColumns> {
    const id = datasetIdFrom(datasetId);
    if (!isIsoDate(opts.asOf))
      throw new OrebookError(
        "BAD_INPUT",
        `As-of ${opts.asOf} is not a date: expected YYYY-MM-DD, e.g. 2025-06-30`,
      );
    const bound = knownAtBound(opts.knownAt);
    if (bound !== undefined) return (await this.registerRows(id, opts.asOf, bound)).register;
    // What the store knows now: from the cache when it was built at the current revision,
    // else from the rows, and the cache built for the next reader.
    const revision = async () => {
      const row = await this.db
        .selectFrom("datasets")
        .select("revision")
        .where("dataset_id", "=", id)
        .executeTakeFirst();
      return row === undefined ? undefined : Number(row.revision);
    };
    const before = await revision();
    if (before === undefined) return (await this.registerRows(id, opts.asOf, undefined)).register;
    const rows = await this.db
      .selectFrom("register_cache")
      .select(["part", "revision", "data"])
      .where("dataset_id", "=", id)
      .execute();
    if (rows.length > 0 && rows.every((r) => Number(r.revision) === before)) {
      const parts = new Map(rows.map((r) => [r.part, r.data as Uint8Array]));
      const cached = unpackRegister(parts, id, opts.asOf);
      if (cached) return cached;
    }
    const read = await this.registerRows(id, undefined, undefined);
    const parts = packRegister(read);
    // Written only if no write came between: the rows read are then the revision's.
    if ((await revision()) === before) await this.writeRegisterCache(id, before, parts);
    return unpackRegister(parts, id, opts.asOf) as RegisterColumns;
  }

  /** Replaces the dataset's cached register, unless a write moved its revision meanwhile. */
  private async writeRegisterCache(
    datasetId: string,
    revision: number,
    parts: ReadonlyMap<string, Uint8Array>,
  ): Promise<void> {
    await this.adapter.exclusive(() =>
      this.db.transaction().execute(async (trx) => {
        const now = await trx
          .selectFrom("datasets")
          .select("revision")
          .where("dataset_id", "=", datasetId)
          .executeTakeFirst();
        if (now === undefined || Number(now.revision) !== revision) return;
        await trx.deleteFrom("register_cache").where("dataset_id", "=", datasetId).execute();
        for (const [part, data] of parts)
          await trx
            .insertInto("register_cache")
            .values({ dataset_id: datasetId, part, revision, data })
            .execute();
      }),
    );
  }

  /**
   * SQLite: the current register, every stake with its validity, read as a few whole columns
   * per kind (`json_group_array` over the kind's current rows in ordinal order: one value per
   * column handed to JavaScript, where reading a million rows one at a time costs a
   * microsecond or two each). Undefined on PostgreSQL, or when the columns are not whole, or
   * when a column is longer than SQLite or JavaScript holds in one string (some 500 million
   * characters): the rows are then read one at a time.
   */
  private registerFromColumns(id: string): CachedRegister | undefined {
    try {
      return this.registerFromWholeColumns(id);
    } catch (e) {
      if (tooLongForOneString(e)) return undefined;
      throw e;
    }
  }

  private registerFromWholeColumns(id: string): CachedRegister | undefined {
    const iterate = this.adapter.iterateTuples;
    if (this.dialect !== "sqlite" || !iterate) return undefined;
    const db = this.db;
    const one = (q: CompiledQuery): unknown[] | undefined => {
      for (const row of iterate.call(this.adapter, db, q)) return row;
      return undefined;
    };
    const kindArrays = (kind: string, idExpr: string, columns: readonly string[]): KindArrays => {
      const where = sql`dataset_id = ${id} AND kind = ${sql.lit(kind)} AND is_current = 1 AND deleted = 0`;
      const commonBody = one(
        sql`SELECT body FROM records WHERE ${where} ORDER BY ordinal LIMIT 1`.compile(db),
      )?.[0];
      const common = typeof commonBody === "string" ? commonBody : null;
      const all = [
        ...new Set(["ordinal", "record_id", "body", "text1", "text2", "text3", ...columns]),
      ];
      const q = sql`SELECT count(*), json_group_array(ordinal), json_group_array(${sql.raw(idExpr)}),
        json_group_array(CASE WHEN body = ${common} THEN 0 ELSE body END),
        ${sql.join(columns.map((c) => sql`json_group_array(${sql.ref(c)})`))}
        FROM (SELECT ${sql.join(all.map((c) => sql.ref(c)))} FROM records WHERE ${where} ORDER BY ordinal)`;
      const row = one(q.compile(db)) ?? [];
      const parse = (k: number): unknown[] => JSON.parse(String(row[k] ?? "[]")) as unknown[];
      return {
        ordinal: parse(1) as number[],
        id: parse(2) as (string | null)[],
        body: parse(3) as (string | 0 | null)[],
        commonBody: common,
        columns: columns.map((_, k) => parse(4 + k)),
      };
    };
    const nodeColumns = ["text1", "text2", "text3", "node1"] as const;
    const arrays: RegisterArrays = {
      entities: kindArrays("entities", "record_id", nodeColumns),
      assets: kindArrays("assets", "record_id", nodeColumns),
      stakes: kindArrays(
        "stakes",
        "CASE WHEN record_id = text1 || ':' || text2 THEN NULL ELSE record_id END",
        ["num1", "node1", "node2", "num2", "num3", "valid_from", "valid_to"],
      ),
      production: kindArrays(
        "production",
        "CASE WHEN text1 IS NOT NULL AND record_id = text1 || ':' || text2 || ':' || text3 THEN NULL ELSE record_id END",
        ["text1", "text2", "text3", "num1", "node1"],
      ),
    };
    return registerFromArrays(id, arrays);
  }

  /**
   * The register read from the rows: as known at `bound` (undefined: now), with the stakes in
   * force on `asOf` (undefined: every stake, with its validity, for the cache).
   */
  private async registerRows(
    id: string,
    asOf: string | undefined,
    bound: string | undefined,
  ): Promise<CachedRegister> {
    if (asOf === undefined && bound === undefined) {
      const whole = this.registerFromColumns(id);
      if (whole) return whole;
    }
    const db = this.db;
    /** The live version of each record of `kind` as known at `bound`. */
    const rowsOf =
      (kind: string, columns: readonly RegisterColumn[]) => (after: number | undefined) => {
        let q = db
          .selectFrom("records")
          .select(["ordinal", ...columns])
          .where("dataset_id", "=", id)
          .where("kind", "=", sql.lit(kind))
          .where("deleted", "=", sql.lit(0));
        if (bound === undefined) q = q.where("is_current", "=", sql.lit(1));
        else
          q = q.where("recorded_at", "<=", bound).where(
            // Recorded times never go back, so the next version is the only one to look at.
            sql<boolean>`(is_current = 1 OR NOT EXISTS (SELECT 1 FROM records n
            WHERE n.dataset_id = records.dataset_id AND n.kind = records.kind
              AND n.record_id = records.record_id AND n.version = records.version + 1
              AND n.recorded_at <= ${bound}))`,
          );
        if (kind === "stakes" && asOf !== undefined)
          q = q
            .where(sql<boolean>`(valid_from IS NULL OR valid_from <= ${asOf})`)
            .where(sql<boolean>`(valid_to IS NULL OR valid_to >= ${asOf})`);
        if (after !== undefined) q = q.where("ordinal", ">", after);
        return q;
      };
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
    // Nodes: entities, then assets, each in ordinal order.
    const nodeNumbers = new NumberColumn((n) => new Int32Array(n));
    const readNodes = async (kind: "entities" | "assets"): Promise<KindColumns> => {
      const b = new KindColumnsBuilder();
      await this.eachByOrdinal(
        db,
        rowsOf(kind, ["record_id", "body", "text1", "text2", "text3", "node1"]),
        (r) => {
          b.add(String(r[1]), String(r[2]), str(r[3]), str(r[4]), str(r[5]), null);
          nodeNumbers.push(Number(r[6]));
        },
      );
      return b.build();
    };
    const nodes = { entities: await readNodes("entities"), assets: await readNodes("assets") };
    const numbers = nodeNumbers.build();
    let maxNode = -1;
    for (const x of numbers) if (x > maxNode) maxNode = x;
    const indexOfNode = new Int32Array(maxNode + 1).fill(-1);
    for (let i = 0; i < numbers.length; i++) indexOfNode[numbers[i] as number] = i;
    const nodeIds = [...nodes.entities.ids, ...nodes.assets.ids];
    const nodeIndex = (no: unknown, what: string, recordId: string): number => {
      const i = no === null || no === undefined ? -1 : (indexOfNode[Number(no)] ?? -1);
      if (i < 0)
        throw new OrebookError(
          "INTERNAL",
          `${what} of ${recordId} in dataset ${id} is not an entity or asset of the dataset at this time`,
        );
      return i;
    };

    const stakes = new KindColumnsBuilder(false);
    const owner = new NumberColumn((n) => new Int32Array(n));
    const owned = new NumberColumn((n) => new Int32Array(n));
    const lo = new NumberColumn((n) => new Float64Array(n));
    const hi = new NumberColumn((n) => new Float64Array(n));
    let bounded = false;
    const validFrom: (string | null)[] = [];
    const validTo: (string | null)[] = [];
    await this.eachByOrdinal(
      db,
      rowsOf("stakes", [
        "record_id",
        "body",
        "num1",
        "node1",
        "node2",
        "num2",
        "num3",
        "valid_from",
        "valid_to",
      ]),
      (r) => {
        validFrom.push(str(r[8]));
        validTo.push(str(r[9]));
        const recordId = String(r[1]);
        const o = nodeIndex(r[4], "The owner", recordId);
        const d = nodeIndex(r[5], "The owned node", recordId);
        const share = Number(r[3]);
        const min = num(r[6]);
        const max = num(r[7]);
        if (min !== null || max !== null) bounded = true;
        stakes.add(recordId, String(r[2]), null, null, null, share);
        owner.push(o);
        owned.push(d);
        lo.push(min ?? share);
        hi.push(max ?? share);
      },
    );
    const production = new KindColumnsBuilder();
    const productionNode = new NumberColumn((n) => new Int32Array(n));
    await this.eachByOrdinal(
      db,
      rowsOf("production", ["record_id", "body", "text1", "text2", "text3", "num1", "node1"]),
      (r) => {
        const recordId = String(r[1]);
        const single = r[3] !== null && r[3] !== undefined;
        const node = single ? nodeIndex(r[7], "The asset", recordId) : -1;
        production.add(
          recordId,
          String(r[2]),
          single ? (nodeIds[node] as string) : null,
          str(r[4]),
          str(r[5]),
          num(r[6]),
        );
        productionNode.push(node);
      },
    );
    const st = stakes.build();
    const register: RegisterColumns = {
      datasetId: id,
      asOf: asOf ?? "",
      knownAt: bound ?? null,
      entities: nodes.entities,
      assets: nodes.assets,
      stakes: st,
      production: production.build(),
      stakeOwner: owner.build(),
      stakeOwned: owned.build(),
      share: st.num1,
      shareMin: lo.build(),
      shareMax: hi.build(),
      bounded,
      productionNode: productionNode.build(),
    };
    return { register, validFrom, validTo };
  }

  async snapshot(datasetId: string, opts: SnapshotOptions): Promise<World> {
    if (!isIsoDate(opts.asOf))
      throw new OrebookError(
        "BAD_INPUT",
        `As-of ${opts.asOf} is not a date: expected YYYY-MM-DD, e.g. 2025-06-30`,
      );
    const ds = await this.datasetAt(datasetId, opts.knownAt === undefined ? {} : opts);
    // The dataset was just built from rows and is handed over: no defensive copy needed.
    return worldFromOwned(ds, opts.asOf);
  }

  async get(
    datasetId: string,
    kind: RecordKind,
    id: string,
    opts: KnownAtOptions = {},
  ): Promise<RecordVersion | undefined> {
    const bound = knownAtBound(opts.knownAt);
    let q = this.db
      .selectFrom("records")
      .selectAll()
      .where("dataset_id", "=", datasetIdFrom(datasetId))
      .where("kind", "=", kind)
      .where("record_id", "=", id);
    if (bound !== undefined) q = q.where("recorded_at", "<=", bound);
    const row = await q.orderBy("version", "desc").limit(1).executeTakeFirst();
    if (!row || Number(row.deleted) === 1) return undefined;
    return versionFrom(row);
  }

  async history(
    datasetId: string,
    id: string,
    opts: { kind?: RecordKind } = {},
  ): Promise<RecordVersion[]> {
    let q = this.db
      .selectFrom("records")
      .selectAll()
      .where("dataset_id", "=", datasetIdFrom(datasetId))
      .where("record_id", "=", id);
    if (opts.kind !== undefined) q = q.where("kind", "=", opts.kind);
    const rows = await q.orderBy("kind").orderBy("version").execute();
    return rows.map(versionFrom);
  }

  async load(datasetId: string, dataset: Partial<Dataset>, opts: LoadOptions): Promise<LoadResult> {
    datasetIdFrom(datasetId);
    const actor = actorFrom(opts.actor);
    const at = this.timeOf(opts.recordedAt);
    const base = opts.base == null ? opts.base : baseRevisionFrom(opts.base);
    // Each kind is asked for once; a getter may build its list (or a generator) when asked.
    const inputs = RECORD_KINDS.map((kind) => dataset[kind] as Iterable<unknown> | undefined);
    dataset = {};
    let expected = opts.expectedTotal;
    if (expected === undefined && inputs.every((x) => x === undefined || Array.isArray(x)))
      expected = inputs.reduce((n, x) => n + ((x as unknown[] | undefined)?.length ?? 0), 0);
    const write = () => this.loadOnce(datasetId, inputs, opts, expected, actor, at, base);
    try {
      return await this.adapter.exclusive(async () => {
        const journal = this.adapter.bulkJournal;
        if (
          journal !== undefined &&
          (expected === undefined || expected >= BULK_ROWS) &&
          (await this.isEmpty(datasetId))
        )
          return await journal(write);
        return await write();
      });
    } catch (e) {
      throw this.normalised(e, datasetId);
    }
  }

  /** `load` once its inputs are taken and its writer's turn has come. */
  private async loadOnce(
    datasetId: string,
    inputs: readonly (Iterable<unknown> | undefined)[],
    opts: LoadOptions,
    expected: number | undefined,
    actor: string,
    at: string,
    base: string | null | undefined,
  ): Promise<LoadResult> {
    let rebuild = false;
    const result = await this.db.transaction().execute(async (trx) => {
      await this.lockDataset(trx, datasetId, actor, at, false);
      const checker = new DatasetChecker();
      const current = new Map<string, CurrentRow>();
      // The node number of every entity and asset id, stored or written (stakes and
      // production figures name them in typed columns), kept by the checker beside its node
      // ids (typed arrays, no string key per entity; each id hashed once for both).
      const nodeOf = (id: string) => checker.nodeNumber(id);
      const maxOrdinal = new Map<string, number>();
      const columns = ["version", "deleted", "recorded_at", "body", ...LIFTED_COLUMNS] as const;
      const decoder = new RecordDecoder();
      await this.scanCurrent(trx, datasetId, columns, true, (t) => {
        const kind = t[0] as RecordKind;
        const id = t[2] as string;
        const ordinal = Number(t[1]);
        const deleted = Number(t[4]);
        const body = t[6] as string | null;
        const num1 = t[10];
        // A hash of the row's encoding is all a reload compares: no body is held.
        current.set(keyOf(kind, id), {
          version: Number(t[3]),
          ordinal,
          deleted,
          hash:
            body === null
              ? null
              : hashOf(
                  encodedKey({
                    body,
                    text1: (t[7] ?? null) as string | null,
                    text2: (t[8] ?? null) as string | null,
                    text3: (t[9] ?? null) as string | null,
                    num1: num1 === null || num1 === undefined ? null : Number(num1),
                  }),
                ),
          recorded_at: t[5] as string,
        });
        maxOrdinal.set(kind, Math.max(maxOrdinal.get(kind) ?? -1, ordinal));
        // A withdrawn record's number is set again if this load writes it anew.
        if (deleted === 1 || body === null) return;
        if (kind === "entities" || kind === "assets")
          checker.setNodeNumber(id, nodeNumber(kind, ordinal));
        checker.addStored(
          kind,
          id,
          kind === "stakes"
            ? (decodeTuple(decoder, kind, id, t, 6) as unknown as StakeFacts)
            : undefined,
        );
      });

      // Into an empty dataset on SQLite, the reference indexes are dropped while writing and
      // built again once it is committed: built from sorted keys, not updated row by row
      // in random order (at 1M entities 93 s instead of 45 s a load; built inside the
      // transaction, 67 s). A rolled-back load brings them back with everything else.
      // The key index (migration 8) likewise, but built again before the commit: the key
      // is never missing from a committed store.
      // Rebuilding them costs a pass over the whole table, other datasets' rows included, so
      // they are dropped only once this load has written as many rows as the table held
      // before it (and at least BULK_ROWS): the first start's reference dataset written
      // into a store holding a 3.5M-record register keeps them (it rebuilt them over every
      // row: 40 s of the first command after a 1M-entity import).
      let rebuildKey = false;
      const bulk = this.dialect === "sqlite" && current.size === 0;
      const heldBefore = bulk ? await this.rowsHeld(trx) : 0;
      let dropped = false;
      // Each record is checked with its schema, fed to the cross-reference check and
      // written inside the open transaction, so the load holds no record longer than a
      // batch. Any problem found, before or after the last record, rolls everything back.
      const issues: Issue[] = [];
      // Records changed since the writer's base revision (or changed without one).
      const stale: Issue[] = [];
      let tooEarly: OrebookError | undefined;
      const written: Partial<Record<RecordKind, number>> = {};
      let writtenTotal = 0;
      let unchanged = 0;
      let done = 0;
      let batch: RecordRow[] = [];
      // Records whose current version the batch supersedes, by kind.
      let retired = new Map<string, string[]>();
      const flush = async () => {
        if (bulk && !dropped && writtenTotal >= Math.max(BULK_ROWS, heldBefore)) {
          dropped = true;
          rebuild = true;
          await dropReferenceIndexes(trx);
          rebuildKey = await dropKeyIndex(trx);
        }
        for (const [kind, ids] of retired) await this.retire(trx, datasetId, kind, ids);
        await this.adapter.insertRows(trx, batch);
        batch = [];
        retired = new Map();
      };
      const total = () => Math.max(expected ?? 0, done);
      // Records of a large import mostly cite the same sources: they share one array.
      let lastSources: string[] | undefined;
      opts.onProgress?.(0, total());
      for (const [k, kind] of RECORD_KINDS.entries()) {
        let nextOrdinal = (maxOrdinal.get(kind) ?? -1) + 1;
        let i = 0;
        for (const raw of inputs[k] ?? []) {
          const r = parseRecord(kind, raw, ++i);
          done++;
          if (done % PROGRESS_EVERY === 0) opts.onProgress?.(done, total());
          if (!r.ok) {
            issues.push(...r.issues);
            continue;
          }
          const rec = r.value;
          const sources = rec.sources;
          if (Array.isArray(sources)) {
            if (sameStrings(sources, lastSources)) rec.sources = lastSources;
            else lastSources = sources as string[];
          }
          checker.add(kind, rec);
          // After a schema problem or a duplicate id nothing more is written (a second row
          // of one id would be refused by the key as if another writer had written it): only
          // the checks go on.
          if (issues.length > 0 || checker.duplicateCount > 0) continue;
          const cur = current.size === 0 ? undefined : current.get(keyOf(kind, rec.id));
          const ordinal = cur ? cur.ordinal : nextOrdinal++;
          if (kind === "entities" || kind === "assets")
            checker.setNodeNumber(rec.id, nodeNumber(kind, ordinal));
          const known = cur ? undefined : opts.recordedAtOf?.(kind, rec.id);
          const recAt = known === undefined ? at : minTime(recordedAtFrom(known), at);
          const row = rowFor(
            datasetId,
            kind,
            rec,
            cur ? cur.version + 1 : 1,
            ordinal,
            recAt,
            actor,
            opts.note,
            nodeOf,
          );
          if (cur && cur.deleted !== 1 && cur.hash === hashOf(encodedKey(row))) {
            unchanged++;
            continue;
          }
          if (cur && base !== undefined && (base === null || cur.recorded_at > base)) {
            stale.push({
              record: `${kind} ${rec.id}`,
              path: [],
              message:
                base === null
                  ? `${cur.deleted === 1 ? "withdrawn" : "exists"} (version ${cur.version}): name the revision your copy was read at`
                  : `${cur.deleted === 1 ? "withdrawn" : "changed"} since revision ${base}: version ${cur.version}, recorded ${cur.recorded_at}`,
            });
            continue;
          }
          // After a stale record nothing more is written: the rest are only checked.
          if (stale.length > 0) continue;
          if (cur && cur.recorded_at > at) tooEarly ??= earlier(kind, rec.id, cur, at);
          if (cur) {
            const ids = retired.get(kind);
            if (ids) ids.push(rec.id);
            else retired.set(kind, [rec.id]);
          }
          batch.push(row);
          written[kind] = (written[kind] ?? 0) + 1;
          writtenTotal++;
          if (batch.length >= BATCH) await flush();
        }
      }
      const pending = opts.pendingIssues?.() ?? [];
      if (pending.length > 0 || issues.length > 0)
        throw invalid(datasetId, [...pending, ...issues, ...checker.duplicateIssues()]);
      if (stale.length > 0) throw staleLoad(datasetId, base ?? null, stale);
      if (batch.length > 0) await flush();
      if (rebuildKey) await createKeyIndex(trx);
      const over = checker.overfullNodes();
      const refIssues = checker.issues(
        over.length === 0 ? undefined : await this.stakesIn(trx, datasetId, new Set(over)),
      );
      if (refIssues.length > 0) throw invalid(datasetId, refIssues);
      if (tooEarly) throw tooEarly;
      if (writtenTotal > 0)
        await trx
          .updateTable("datasets")
          .set((eb) => ({ updated_at: at, revision: eb("revision", "+", 1) }))
          .where("dataset_id", "=", datasetId)
          .execute();
      opts.onProgress?.(done, done);
      return { datasetId, written, writtenTotal, unchanged, recordedAt: at };
    });
    if (rebuild) await createReferenceIndexes(this.db, await this.schemaVersion());
    if (this.dialect === "postgres") await this.analyseAfterLoad(result.writtenTotal);
    return result;
  }

  /**
   * PostgreSQL plans from the table's statistics. A table never analysed (a fresh store after
   * its first import) is planned as empty: a write's point lookups then scanned the dataset
   * through the current-rows index instead of the key (at 20k entities, 60 ms each instead of
   * 0.1 ms; a stake write did four) until autovacuum analysed it, a minute or more later. A load
   * that changed as many rows as would make autovacuum analyse the table (50 + 10 % of it)
   * analyses it at once.
   */
  private async analyseAfterLoad(written: number): Promise<void> {
    if (written === 0) return;
    const { rows } = await sql<{ tuples: number }>`
      SELECT reltuples::float8 AS tuples FROM pg_class WHERE oid = 'records'::regclass`.execute(
      this.db,
    );
    if (written >= 50 + 0.1 * Math.max(0, Number(rows[0]?.tuples ?? 0)))
      await sql`ANALYZE records`.execute(this.db);
  }

  /** About how many rows the records table holds (the largest row id: rows are never deleted). */
  private async rowsHeld(db: Db): Promise<number> {
    const { rows } = await sql<{ n: number | null }>`SELECT max(rowid) AS n FROM records`.execute(
      db,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** The current stakes in these owned nodes, each list in ordinal order. */
  private async stakesIn(
    db: Db,
    datasetId: string,
    owned: ReadonlySet<string>,
  ): Promise<Map<string, StakeFacts[]>> {
    const out = new Map<string, StakeFacts[]>();
    const decoder = new RecordDecoder();
    await this.scanCurrent(db, datasetId, ["body", ...LIFTED_COLUMNS], false, (r) => {
      if (r[0] !== "stakes" || typeof r[3] !== "string") return;
      const s = decodeTuple(decoder, "stakes", r[2], r, 3) as unknown as StakeFacts;
      if (!owned.has(s.owned)) return;
      const list = out.get(s.owned);
      if (list) list.push(s);
      else out.set(s.owned, [s]);
    });
    return out;
  }

  /** The node numbers of the entities and assets a stake or production figure names. */
  private async nodesNamed(
    db: Db,
    datasetId: string,
    kind: RecordKind,
    rec: Record<string, unknown>,
  ): Promise<(id: string) => number | undefined> {
    const named =
      kind === "stakes" ? [rec.owner, rec.owned] : kind === "production" ? [rec.asset] : [];
    const ids = named.filter((x): x is string => typeof x === "string");
    const out = new Map<string, number>();
    if (ids.length > 0) {
      const rows = await db
        .selectFrom("records")
        .select(["kind", "record_id", "ordinal"])
        .where("dataset_id", "=", datasetId)
        .where("kind", "in", ["entities", "assets"])
        .where("record_id", "in", ids)
        .where("is_current", "=", sql.lit(1))
        .execute();
      for (const r of rows)
        out.set(r.record_id, nodeNumber(r.kind as "entities" | "assets", Number(r.ordinal)));
    }
    return (id) => out.get(id);
  }

  /** Clears the current flag of these records' versions, before their new ones are written. */
  private async retire(trx: Db, datasetId: string, kind: string, ids: readonly string[]) {
    for (let i = 0; i < ids.length; i += RETIRE_CHUNK)
      await trx
        .updateTable("records")
        .set({ is_current: 0 })
        .where("dataset_id", "=", datasetId)
        .where("kind", "=", kind)
        .where("record_id", "in", ids.slice(i, i + RETIRE_CHUNK))
        .where("is_current", "=", sql.lit(1))
        .execute();
  }

  /** What the check of one put or remove reads, inside its transaction. */
  private touchedStore(db: Db, datasetId: string): TouchedStore {
    const current = () =>
      db
        .selectFrom("records")
        .select(["kind", "ordinal", "record_id", "body", ...LIFTED_COLUMNS])
        .where("dataset_id", "=", datasetId)
        // Literals, not parameters: SQLite then picks the partial indexes.
        .where("is_current", "=", sql.lit(1))
        .where("deleted", "=", sql.lit(0));
    const placed = async (q: ReturnType<typeof current>): Promise<PlacedRecord[]> => {
      const decoder = new RecordDecoder();
      const rows = await this.adapter.selectTuples(db, q.compile());
      return rows.map((t) => ({
        kind: t[0] as RecordKind,
        ordinal: Number(t[1]),
        rec: decodeTuple(decoder, String(t[0]), t[2], t, 3) as Record<string, unknown> & {
          id: string;
        },
      }));
    };
    /** Bodies holding the id as a JSON string (a superset: the check sorts it out). */
    const mentions = (id: string) => `%${JSON.stringify(id).replace(/[!%_]/g, "!$&")}%`;
    return {
      existing: async (ids) => {
        const out: [RecordKind, string][] = [];
        for (let i = 0; i < ids.length; i += RETIRE_CHUNK) {
          const rows = await db
            .selectFrom("records")
            .select(["kind", "record_id"])
            .where("dataset_id", "=", datasetId)
            .where("kind", "in", NAMED_KINDS)
            .where("record_id", "in", ids.slice(i, i + RETIRE_CHUNK))
            .where("is_current", "=", sql.lit(1))
            .where("deleted", "=", sql.lit(0))
            .execute();
          for (const r of rows) out.push([r.kind as RecordKind, r.record_id]);
        }
        return out;
      },
      stakesIn: (owned) => placed(currentStakesQuery(db, datasetId, "text2", owned)),
      referrers: async (kind, id) => {
        const like = sql<boolean>`body LIKE ${mentions(id)} ESCAPE '!'`;
        if (kind === "sources")
          return placed(
            current()
              .where("kind", "!=", "sources")
              .where(
                sql<boolean>`(source_ids LIKE ${mentions(id)} ESCAPE '!' OR body LIKE ${mentions(id)} ESCAPE '!')`,
              ),
          );
        // Kinds that keep their whole record in the body, and the lifted kinds' other fields.
        const out = await placed(
          current()
            .where(
              "kind",
              "in",
              RECORD_KINDS.filter((k) => !isLiftedKind(k)),
            )
            .where(like),
        );
        if (kind === "entities") {
          out.push(...(await placed(current().where("kind", "=", sql.lit("assets")).where(like))));
          out.push(...(await placed(currentStakesQuery(db, datasetId, "text1", id))));
        }
        if (kind === "entities" || kind === "assets")
          out.push(...(await this.touchedStore(db, datasetId).stakesIn(id)));
        if (kind === "assets") {
          const production = () => current().where("kind", "=", sql.lit("production"));
          out.push(...(await placed(production().where("text1", "=", id))));
          // A figure split between assets names them in its body.
          out.push(...(await placed(production().where("text1", "is", null).where(like))));
        }
        return out;
      },
    };
  }

  async put(
    datasetId: string,
    kind: RecordKind,
    record: unknown,
    opts: PutOptions,
  ): Promise<RecordVersion> {
    datasetIdFrom(datasetId);
    const parsed = parseRecord(kind, record, "(no id)");
    if (!parsed.ok) throw invalid(datasetId, parsed.issues);
    const rec = parsed.value;
    return this.writeVersion(datasetId, kind, rec.id, opts, rec);
  }

  async remove(
    datasetId: string,
    kind: RecordKind,
    id: string,
    opts: PutOptions,
  ): Promise<RecordVersion> {
    datasetIdFrom(datasetId);
    return this.writeVersion(datasetId, kind, id, opts);
  }

  /** Writes version `expectedVersion + 1` of one record: `rec`, or a tombstone without it. */
  private async writeVersion(
    datasetId: string,
    kind: RecordKind,
    id: string,
    opts: PutOptions,
    rec?: Record<string, unknown> & { id: string },
  ): Promise<RecordVersion> {
    const actor = actorFrom(opts.actor);
    const at = this.timeOf(opts.recordedAt);
    if (!Number.isInteger(opts.expectedVersion) || opts.expectedVersion < 0)
      throw new OrebookError(
        "BAD_INPUT",
        `expectedVersion must be a whole number ≥ 0 (0 for a new record), not ${opts.expectedVersion}`,
      );
    try {
      return await this.adapter.exclusive(() =>
        this.db.transaction().execute(async (trx) => {
          await this.lockDataset(trx, datasetId, actor, at);
          const cur = await trx
            .selectFrom("records")
            .selectAll()
            .where("dataset_id", "=", datasetId)
            .where("kind", "=", kind)
            .where("record_id", "=", id)
            .orderBy("version", "desc")
            .limit(1)
            .executeTakeFirst();
          const curVersion = cur ? Number(cur.version) : 0;
          if (curVersion !== opts.expectedVersion)
            throw conflict(kind, id, curVersion, opts.expectedVersion);
          if (!rec && (!cur || Number(cur.deleted) === 1))
            throw new OrebookError("NOT_FOUND", `Record ${kind} ${id} not found in ${datasetId}`);
          if (cur && cur.recorded_at > at) throw earlier(kind, id, cur, at);

          let ordinal = cur ? Number(cur.ordinal) : 0;
          if (!cur) {
            const max = await lastOrdinalQuery(trx, datasetId, kind).executeTakeFirst();
            ordinal = max?.m === null || max?.m === undefined ? 0 : Number(max.m) + 1;
          }
          // Only what the record touches is read and checked (the stored dataset is clean).
          const change: Change = rec
            ? { op: "put", kind, rec, ordinal }
            : { op: "remove", kind, id };
          const refIssues = await touchedIssues(change, this.touchedStore(trx, datasetId));
          if (refIssues.length > 0) throw invalid(datasetId, refIssues);
          const row: RecordRow = rec
            ? rowFor(
                datasetId,
                kind,
                rec,
                curVersion + 1,
                ordinal,
                at,
                actor,
                opts.note,
                await this.nodesNamed(trx, datasetId, kind, rec),
              )
            : {
                dataset_id: datasetId,
                kind,
                record_id: id,
                version: curVersion + 1,
                ordinal,
                valid_from: null,
                valid_to: null,
                recorded_at: at,
                recorded_by: actor,
                source_ids: "[]",
                deleted: 1,
                body: null,
                change_note: opts.note ?? null,
                is_current: 1,
                text1: null,
                text2: null,
                text3: null,
                num1: null,
                node1: null,
                node2: null,
                num2: null,
                num3: null,
                text4: null,
              };
          if (cur) await this.retire(trx, datasetId, kind, [id]);
          await trx.insertInto("records").values(row).execute();
          return versionFrom(row);
        }),
      );
    } catch (e) {
      throw this.normalised(e, datasetId);
    }
  }

  private normalised(e: unknown, datasetId: string): unknown {
    if (e instanceof OrebookError) return e;
    if (this.adapter.isWriteConflict(e))
      return new OrebookError(
        "CONFLICT",
        `Another writer changed dataset ${datasetId} at the same time: nothing was written, try again`,
        { cause: e },
      );
    return e;
  }

  async close(): Promise<void> {
    await this.db.destroy();
    await this.adapter.close();
  }
}

/**
 * The highest ordinal of `kind` in the dataset (`m`, null when it has none): what a new record
 * follows. Read from the current rows, each record's one row with its ordinal (kept across its
 * versions), through their index: one step down the index, where every version's row would be a
 * scan of the kind (seconds for a new stake in a register of a million entities).
 */
export function lastOrdinalQuery(db: Db, datasetId: string, kind: RecordKind) {
  return db
    .selectFrom("records")
    .select((eb) => eb.fn.max("ordinal").as("m"))
    .where("dataset_id", "=", datasetId)
    .where("kind", "=", kind)
    .where("is_current", "=", sql.lit(1));
}

/**
 * The current, live stakes of the dataset whose owner (`text1`) or owned node (`text2`) is `id`,
 * with what `touchedStore` reads of them, through the stakes' reference indexes (literals, not
 * parameters, for kind and flags: SQLite then picks the partial indexes).
 */
export function currentStakesQuery(
  db: Db,
  datasetId: string,
  column: "text1" | "text2",
  id: string,
) {
  return db
    .selectFrom("records")
    .select(["kind", "ordinal", "record_id", "body", ...LIFTED_COLUMNS])
    .where("dataset_id", "=", datasetId)
    .where("is_current", "=", sql.lit(1))
    .where("deleted", "=", sql.lit(0))
    .where("kind", "=", sql.lit("stakes"))
    .where(column, "=", id);
}

function conflict(kind: string, id: string, current: number, expected: number): OrebookError {
  return new OrebookError(
    "CONFLICT",
    `Record ${kind} ${id} is at version ${current}, not ${expected}: someone else wrote it since, read it again and retry`,
    { details: { kind, id, currentVersion: current, expectedVersion: expected } },
  );
}

/** A base revision as the ledger compares it with recorded times. */
function baseRevisionFrom(base: string): string {
  try {
    return recordedAtFrom(base);
  } catch {
    throw new OrebookError(
      "BAD_INPUT",
      `Base revision ${JSON.stringify(base)} is not a timestamp: give the dataset's updatedAt as it was when your copy was read (GET /api/datasets, or the X-Orebook-Revision header of the export)`,
    );
  }
}

/** A load refused for records changed since its base (or changed without one). */
function staleLoad(datasetId: string, base: string | null, stale: Issue[]): OrebookError {
  const n = stale.length;
  const what = `${n} record${n === 1 ? "" : "s"}`;
  return base === null
    ? new OrebookError(
        "PRECONDITION_REQUIRED",
        `Nothing was written to dataset ${datasetId}: the import changes ${what} that already exist, and names no revision its copy was read at, so a change made since could be overwritten: send the dataset's revision as base (GET /api/datasets, or the X-Orebook-Revision header of the export you edited)`,
        { issues: stale.slice(0, 100) },
      )
    : new OrebookError(
        "CONFLICT",
        `Nothing was written to dataset ${datasetId}: ${what} changed since revision ${base}, which the import was read at, and would be overwritten: export the dataset again, make your changes to that copy and import it with its revision`,
        { issues: stale.slice(0, 100), details: { base, stale: n } },
      );
}

function earlier(
  kind: string,
  id: string,
  cur: { version: number; recorded_at: string },
  at: string,
): OrebookError {
  return new OrebookError(
    "BAD_INPUT",
    `Recorded time ${at} is before version ${cur.version} of ${kind} ${id} (${cur.recorded_at}): the ledger only moves forward`,
  );
}

/** The earlier of two recorded times (`YYYY-MM-DDTHH:MM:SS.sssZ`, which sort as text). */
function minTime(a: string, b: string): string {
  return a < b ? a : b;
}

/**
 * Whether `e` says a value was too long for one string: SQLite's limit on a text or blob
 * (SQLITE_TOOBIG, "string or blob too big") or V8's ("Invalid string length", "Cannot create a
 * string longer than ...").
 */
function tooLongForOneString(e: unknown): boolean {
  const { code, message } = (e ?? {}) as { code?: unknown; message?: unknown };
  if (code === "SQLITE_TOOBIG" || code === "ERR_STRING_TOO_LONG") return true;
  const text = typeof message === "string" ? message : "";
  return (
    /string or blob too big/i.test(text) ||
    (e instanceof RangeError && /string length|string longer/i.test(text)) ||
    /Cannot create a string longer/i.test(text)
  );
}
