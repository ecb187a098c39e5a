/**
 * The ledger: dated facts with their sources and history, folded into a `World` as of a date.
 *
 * Every record of the model (`RECORD_KINDS`) is stored as a chain of versions. A version has a
 * valid period (the record's own `validFrom`/`validTo`: when it is true in the world), a
 * recorded time (when we learned it), its sources and the actor who wrote it. Nothing is
 * overwritten: a correction is a new version, a deletion is a tombstone version.
 *
 * One interface, two stores with the same behaviour (the contract suite in
 * `ledger.contract.ts` runs against both): SQLite (`sqlite/sqlite-store.ts`, the embedded
 * default) and PostgreSQL (`postgres/postgres-store.ts`, a team's server).
 *
 * @example
 * ```ts
 * const ledger = await openLedger({ db: "orebook.db" });
 * await ledger.load("drc", dataset, { actor: "ana" });
 * const world = await ledger.snapshot("drc", { asOf: "2025-06-30", knownAt: "2025-07-15" });
 * ```
 */
import type { Dataset, RecordKind } from "../model/dataset.js";
import { isIsoDate } from "../model/dates.js";
import { type Issue, OrebookError } from "../model/errors.js";
import { ID_PATTERN } from "../model/ids.js";
import type { World } from "../model/world.js";
import type { RegisterColumns } from "./register-columns.js";

/** The dataset the reference data lives in, and the default of every command. */
export const DEFAULT_DATASET_ID = "drc";

/** One version of one record. */
export interface RecordVersion {
  datasetId: string;
  kind: RecordKind;
  id: string;
  /** 1 for the first version, then +1 for each correction. */
  version: number;
  /** When the fact is true in the world (the record's own dates; open when absent). */
  validFrom: string | null;
  validTo: string | null;
  /** When we learned it: an ISO timestamp in UTC. */
  recordedAt: string;
  /** Who wrote it. */
  recordedBy: string;
  /** The sources the record names (a source record names itself). */
  sources: string[];
  /** Why this version was written, when the writer said. */
  note: string | null;
  /** True for a tombstone: the record was withdrawn from this version on. */
  deleted: boolean;
  /** The record as written; absent on a tombstone. */
  record?: Record<string, unknown>;
}

/** What every write says about itself. */
export interface WriteOptions {
  /** Who writes. */
  actor: string;
  /** When we learned it; default the store's clock (now). ISO timestamp or `Date`. */
  recordedAt?: string | Date;
  /** Why, kept with each version written. */
  note?: string;
}

export interface PutOptions extends WriteOptions {
  /**
   * The version the writer last read: 0 for a new record. When the record has moved on since,
   * the put fails with `CONFLICT` and nothing is written.
   */
  expectedVersion: number;
}

export interface LoadOptions extends WriteOptions {
  /** Called as records are checked and written: `done` of `total` records. */
  onProgress?: (done: number, total: number) => void;
  /**
   * The number of records the caller hands over, for `onProgress` when some kinds are
   * iterables (arrays are counted).
   */
  expectedTotal?: number;
  /**
   * Problems the caller found in what it handed over (a reader's located cell problems),
   * read once every record has been: any means the load is rolled back like its own, and they
   * are listed first.
   */
  pendingIssues?: () => readonly Issue[];
  /**
   * When each new record became known (a date or timestamp), in place of the load's own time:
   * the reference dataset's records are known from their sources' dates
   * (engine/common/knowledge-times.ts). A time after the load's is the load's. Records that exist already
   * (a changed or withdrawn one written again) are recorded at the load's time: a correction is
   * learned when it is loaded. Undefined for a record: the load's time.
   */
  recordedAtOf?: (kind: RecordKind, id: string) => string | undefined;
  /**
   * The dataset's revision (`DatasetInfo.updatedAt`) the writer's copy was read at. A record
   * written or withdrawn since (its current version recorded after `base`) is not overwritten:
   * the load fails with `CONFLICT`, every such record listed, and writes nothing. `null`: the
   * writer names no revision, so the load may add records but not change one that exists
   * (`PRECONDITION_REQUIRED`). Absent: no check (a load of one's own files).
   */
  base?: string | null;
}

export interface LoadResult {
  datasetId: string;
  /** New records and new versions written, by kind. */
  written: Partial<Record<RecordKind, number>>;
  writtenTotal: number;
  /** Records identical to their current version, skipped. */
  unchanged: number;
  recordedAt: string;
}

export interface DatasetInfo {
  id: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  /** A count every write moves by one (a load that writes anything, a put, a remove). */
  sequence: number;
}

/** When: `knownAt` limits what the ledger knew (a date means the end of that day, UTC). */
export interface KnownAtOptions {
  knownAt?: string;
}

export interface DatasetAtOptions extends KnownAtOptions {
  /** Only these kinds (the others are empty); default every kind. */
  kinds?: readonly RecordKind[];
}

export interface SnapshotOptions extends KnownAtOptions {
  /** The date the world is taken at (YYYY-MM-DD). */
  asOf: string;
}

/**
 * What opens a connection of its own to a store: a SQLite file's path, or a PostgreSQL URL (with
 * its password: never shown).
 */
export type StoreAddress =
  | { dialect: "sqlite"; path: string }
  | { dialect: "postgres"; url: string };

/** The ledger, whatever store holds it. */
export interface Ledger {
  /** `sqlite` or `postgres`. */
  readonly dialect: "sqlite" | "postgres";
  /** Where the store is: a file path, or a database URL without its password. */
  readonly location: string;
  /**
   * Where another thread of this process opens its own connection to this store (a worker
   * that writes an import), or undefined when no other connection can reach it (an in-memory
   * SQLite store).
   */
  address(): StoreAddress | undefined;
  /**
   * Runs `fn` as this process's one writer of the store: the ledger's own writes wait for it
   * (queued, not blocking the thread) where the store cannot queue writers itself (SQLite);
   * PostgreSQL runs `fn` as it is. For a write another thread makes through its own connection.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs the migrations not yet applied (up to `to`, default the latest). */
  migrate(opts?: { to?: number }): Promise<{ from: number; to: number }>;
  /** The number of migrations applied. */
  schemaVersion(): Promise<number>;
  /** The datasets the store holds. */
  datasets(): Promise<DatasetInfo[]>;
  /** True when the dataset has no record at all. */
  isEmpty(datasetId: string): Promise<boolean>;
  /**
   * Writes every record of `dataset` in one transaction: new records get version 1, changed
   * ones a new version, identical ones are skipped. Records are checked with their schema and
   * the result with the checks of `datasetIssues` as they are written; any problem means the
   * transaction is rolled back, nothing is written, and the `INVALID_DATA` error lists every
   * one (kind, id and field). Each kind of `dataset` is read once, in `RECORD_KINDS` order, so
   * a caller may hand over getters that build each list, or a generator, when asked (a large
   * import then never holds every raw record at once).
   */
  load(datasetId: string, dataset: Partial<Dataset>, opts: LoadOptions): Promise<LoadResult>;
  /** Writes a new version of one record, or fails with `CONFLICT` if `expectedVersion` is stale. */
  put(
    datasetId: string,
    kind: RecordKind,
    record: unknown,
    opts: PutOptions,
  ): Promise<RecordVersion>;
  /** Withdraws a record with a tombstone version (same concurrency rule as `put`). */
  remove(datasetId: string, kind: RecordKind, id: string, opts: PutOptions): Promise<RecordVersion>;
  /** The version current at `knownAt` (default now); undefined when none, or withdrawn. */
  get(
    datasetId: string,
    kind: RecordKind,
    id: string,
    opts?: KnownAtOptions,
  ): Promise<RecordVersion | undefined>;
  /** Every version of the record(s) with this id, oldest first. */
  history(datasetId: string, id: string, opts?: { kind?: RecordKind }): Promise<RecordVersion[]>;
  /** The dataset as the ledger knew it at `knownAt` (default now). */
  datasetAt(datasetId: string, opts?: DatasetAtOptions): Promise<Dataset>;
  /**
   * The bulk kinds (entities, assets, stakes in force on `asOf`, production) as known at
   * `knownAt`, as columns: one query per kind on the typed columns, no JSON parsed
   * (`register-columns.ts`). What the engine's indexed path reads.
   */
  registerAt(datasetId: string, opts: SnapshotOptions): Promise<RegisterColumns>;
  /** `worldFrom(datasetAt(datasetId, { knownAt }), asOf)`. */
  snapshot(datasetId: string, opts: SnapshotOptions): Promise<World>;
  close(): Promise<void>;
}

/** Checks a dataset id: the same form as record ids. */
export function datasetIdFrom(s: string): string {
  if (!ID_PATTERN.test(s))
    throw new OrebookError(
      "BAD_INPUT",
      `Dataset id ${JSON.stringify(s)} is not valid: expected letters, digits and . _ : - (e.g. drc)`,
    );
  return s;
}

/** A recorded time as the ledger stores it: `YYYY-MM-DDTHH:MM:SS.sssZ`, which sorts as text. */
export function recordedAtFrom(t: string | Date): string {
  const d = typeof t === "string" ? new Date(isIsoDate(t) ? `${t}T00:00:00Z` : t) : t;
  const ms = d.getTime();
  if (Number.isNaN(ms) || ms < 0 || ms > 253402300799999)
    throw new OrebookError("BAD_INPUT", `Recorded time ${String(t)} is not a valid timestamp`);
  return d.toISOString();
}

/**
 * The last recorded time `knownAt` admits: a date (`2025-06-30`) means everything recorded
 * by the end of that day (UTC); a timestamp means exactly then.
 */
export function knownAtBound(knownAt: string | undefined): string | undefined {
  if (knownAt === undefined) return undefined;
  if (isIsoDate(knownAt)) return `${knownAt}T23:59:59.999Z`;
  const d = new Date(knownAt);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(knownAt) || Number.isNaN(d.getTime()))
    throw new OrebookError(
      "BAD_INPUT",
      `Known-at ${knownAt} is not a date or timestamp: expected YYYY-MM-DD or an ISO timestamp`,
    );
  return d.toISOString();
}
