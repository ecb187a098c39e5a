/**
 * The ledger's tables, as Kysely sees them. Both stores share them column for column, so one
 * set of queries serves both: text for ids, dates, timestamps and JSON; integers for versions
 * and flags. Every table is keyed by `dataset_id`, the distribution key of a sharded server.
 */
import type { Generated } from "kysely";

export interface DatasetsTable {
  dataset_id: string;
  created_at: string;
  created_by: string;
  /** Touched by every write: the row lock that serialises writers of one dataset. */
  updated_at: string;
  /** Since schema version 7: moved by every write that changes something (caches check it). */
  revision: Generated<number>;
}

export interface RegisterCacheTable {
  dataset_id: string;
  /** Which column (`register-cache.ts`). */
  part: string;
  /** The dataset's revision the part was built at. */
  revision: number;
  data: Uint8Array;
}

export interface RecordsTable {
  dataset_id: string;
  kind: string;
  record_id: string;
  version: number;
  /** Position of the record in its kind, kept across versions (file order on load). */
  ordinal: number;
  valid_from: string | null;
  valid_to: string | null;
  recorded_at: string;
  recorded_by: string;
  /** JSON array of source ids. */
  source_ids: string;
  deleted: Generated<number>;
  /** JSON of the record; null on a tombstone. */
  body: string | null;
  /** Since schema version 2: why the version was written. */
  change_note: string | null;
  /** Since schema version 3: 1 on the latest version of each record (a tombstone included). */
  is_current: Generated<number>;
  /**
   * Since schema version 4: the first fields of entities, assets, stakes and production,
   * lifted out of the body (see `record-codec.ts`); null for other kinds.
   */
  text1: string | null;
  text2: string | null;
  text3: string | null;
  num1: number | null;
  /**
   * Since schema version 6, copies of fields for the engine's indexed read (`registerAt`):
   * node numbers (an entity's 2 × ordinal, an asset's 2 × ordinal + 1; a stake's owner and
   * owned node; a figure's asset), share or tonnes bounds, a figure's basis. Null elsewhere.
   */
  node1: number | null;
  node2: number | null;
  num2: number | null;
  num3: number | null;
  text4: string | null;
}

export interface LedgerTables {
  datasets: DatasetsTable;
  records: RecordsTable;
  register_cache: RegisterCacheTable;
}
