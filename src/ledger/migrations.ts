/**
 * Versioned migrations, one list for both stores (Kysely's schema builder speaks both
 * dialects). They run automatically when a store opens; an older database is upgraded in
 * place. Add a migration at the end, never edit one that has shipped.
 */
import {
  type CreateTableBuilder,
  type Kysely,
  type Migration,
  Migrator,
  NO_MIGRATIONS,
  SqliteAdapter,
  sql,
} from "kysely";
import { OrebookError } from "../model/errors.js";
import { encodeRecord, isLiftedKind, RecordDecoder } from "./record-codec.js";

// Migrations build tables that the typed schema does not know yet: they take an untyped handle.
// biome-ignore lint/suspicious/noExplicitAny: a migration runs before the typed schema exists
type AnyDb = Kysely<any>;

/** Migration 5's indexes: name, kind, lifted column. */
const REFERENCE_INDEXES = [
  ["records_stake_owner", "stakes", "text1"],
  ["records_stake_owned", "stakes", "text2"],
  ["records_production_asset", "production", "text1"],
] as const;

/** The schema version from which SQLite keys the stakes' reference indexes by their column alone. */
const NARROW_STAKE_INDEXES = 9;

/**
 * Creates migration 5's indexes where missing, as schema `version` defines them (also after a
 * bulk load into an empty dataset, which drops them while it writes; a process that dies
 * between its commit and this leaves them missing, and `restoreReferenceIndexes` builds them
 * when the store is next opened). From version 9 on, SQLite keys the two stake indexes by the
 * owner or owned id alone, without the dataset (migration 9).
 */
export async function createReferenceIndexes(
  db: AnyDb,
  version: number = LATEST_SCHEMA_VERSION,
): Promise<void> {
  const narrow =
    version >= NARROW_STAKE_INDEXES && db.getExecutor().adapter instanceof SqliteAdapter;
  for (const [name, kind, column] of REFERENCE_INDEXES) {
    const key = narrow && kind === "stakes" ? sql.id(column) : sql`dataset_id, ${sql.id(column)}`;
    await sql`CREATE INDEX IF NOT EXISTS ${sql.id(name)} ON records (${key})
      WHERE kind = ${sql.lit(kind)} AND is_current = 1`.execute(db);
  }
}

/**
 * On SQLite at schema `version` 5 or later (as migrated), builds migration 5's indexes, as that
 * version defines them, if some are missing (a bulk load that died between its commit and
 * rebuilding them); otherwise only reads the schema. Returns whether it built any.
 */
export async function restoreReferenceIndexes(db: AnyDb, version: number): Promise<boolean> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter) || version < 5) return false;
  const names = REFERENCE_INDEXES.map(([name]) => name);
  const { rows } = await sql<{ name: string }>`SELECT name FROM sqlite_master
    WHERE type = 'index' AND name IN (${sql.join(names)})`.execute(db);
  if (rows.length === names.length) return false;
  await createReferenceIndexes(db, version);
  return true;
}

/** Drops migration 5's indexes. */
export async function dropReferenceIndexes(db: AnyDb): Promise<void> {
  for (const [name] of REFERENCE_INDEXES) await db.schema.dropIndex(name).ifExists().execute();
}

/** The migrations in order; the schema version is the number applied. */
export const MIGRATIONS: readonly { name: string; migration: Migration }[] = [
  {
    name: "0001_datasets_and_records",
    migration: {
      async up(db: AnyDb) {
        await db.schema
          .createTable("datasets")
          .addColumn("dataset_id", "text", (c) => c.primaryKey())
          .addColumn("created_at", "text", (c) => c.notNull())
          .addColumn("created_by", "text", (c) => c.notNull())
          .addColumn("updated_at", "text", (c) => c.notNull())
          .execute();
        await db.schema
          .createTable("records")
          .addColumn("dataset_id", "text", (c) => c.notNull())
          .addColumn("kind", "text", (c) => c.notNull())
          .addColumn("record_id", "text", (c) => c.notNull())
          .addColumn("version", "integer", (c) => c.notNull())
          .addColumn("ordinal", "integer", (c) => c.notNull())
          .addColumn("valid_from", "text")
          .addColumn("valid_to", "text")
          .addColumn("recorded_at", "text", (c) => c.notNull())
          .addColumn("recorded_by", "text", (c) => c.notNull())
          .addColumn("source_ids", "text", (c) => c.notNull())
          .addColumn("deleted", "integer", (c) => c.notNull().defaultTo(0))
          .addColumn("body", "text")
          .addPrimaryKeyConstraint("records_pk", ["dataset_id", "kind", "record_id", "version"])
          .execute();
      },
      async down(db: AnyDb) {
        await db.schema.dropTable("records").execute();
        await db.schema.dropTable("datasets").execute();
      },
    },
  },
  {
    name: "0002_change_notes",
    migration: {
      async up(db: AnyDb) {
        await db.schema.alterTable("records").addColumn("change_note", "text").execute();
      },
      async down(db: AnyDb) {
        await db.schema.alterTable("records").dropColumn("change_note").execute();
      },
    },
  },
  {
    // The current version of each record is flagged, so a snapshot reads only those rows, in
    // order, through a partial index instead of folding every version. Older stores are
    // flagged in place.
    name: "0003_current_versions",
    migration: {
      async up(db: AnyDb) {
        await db.schema
          .alterTable("records")
          .addColumn("is_current", "integer", (c) => c.notNull().defaultTo(0))
          .execute();
        await sql`UPDATE records SET is_current = 1 WHERE version = (
            SELECT max(r.version) FROM records r WHERE r.dataset_id = records.dataset_id
              AND r.kind = records.kind AND r.record_id = records.record_id)`.execute(db);
        // The condition is a literal: SQLite only uses a partial index for a query whose
        // WHERE names the same literal.
        await db.schema
          .createIndex("records_current")
          .on("records")
          .columns(["dataset_id", "kind", "ordinal"])
          .where(sql.ref("is_current"), "=", sql.lit(1))
          .execute();
      },
      async down(db: AnyDb) {
        await db.schema.dropIndex("records_current").execute();
        await db.schema.alterTable("records").dropColumn("is_current").execute();
      },
    },
  },
  {
    // Entities, assets, stakes and production keep their first fields in typed columns and
    // the rest in the body (see record-codec.ts): a snapshot of a large register then parses
    // little JSON. Older stores are converted in place, row by row, in both directions.
    name: "0004_lifted_columns",
    migration: {
      async up(db: AnyDb) {
        for (const c of ["text1", "text2", "text3"])
          await db.schema.alterTable("records").addColumn(c, "text").execute();
        await db.schema.alterTable("records").addColumn("num1", "double precision").execute();
        if (db.getExecutor().adapter instanceof SqliteAdapter) {
          await liftInSqlite(db);
          return;
        }
        await rewriteBodies(db, (kind, row) => {
          const rec = JSON.parse(row.body) as Record<string, unknown> & { id: string };
          return encodeRecord(kind, rec);
        });
      },
      async down(db: AnyDb) {
        const decoder = new RecordDecoder();
        await rewriteBodies(db, (kind, row) => ({
          body: JSON.stringify(
            decoder.decode(
              kind,
              row.record_id,
              row.body,
              row.text1,
              row.text2,
              row.text3,
              row.num1,
            ),
          ),
          text1: null,
          text2: null,
          text3: null,
          num1: null,
        }));
        for (const c of ["text1", "text2", "text3", "num1"])
          await db.schema.alterTable("records").dropColumn(c).execute();
      },
    },
  },
  {
    // A put of one stake reads the other stakes of its owned node, and a removal of an entity
    // or asset the stakes and production figures that name it: partial indexes on those
    // lifted columns of current rows, so neither scans the dataset.
    name: "0005_reference_indexes",
    migration: {
      up: (db: AnyDb) => createReferenceIndexes(db, 5),
      down: dropReferenceIndexes,
    },
  },
  {
    // The bulk kinds read by the engine's indexed path (`registerAt`): each entity and asset
    // gets a node number (2 × ordinal for an entity, 2 × ordinal + 1 for an asset: kept across
    // versions), a stake the numbers of its owner and owned node and its share range, a
    // production figure of one asset that asset's number, its tonnes range and its basis. The
    // body keeps every field as before: these columns are copies, typed for one query per kind.
    name: "0006_register_columns",
    migration: {
      async up(db: AnyDb) {
        await db.schema.alterTable("records").addColumn("node1", "integer").execute();
        await db.schema.alterTable("records").addColumn("node2", "integer").execute();
        await db.schema.alterTable("records").addColumn("num2", "double precision").execute();
        await db.schema.alterTable("records").addColumn("num3", "double precision").execute();
        await db.schema.alterTable("records").addColumn("text4", "text").execute();
        await fillRegisterColumns(db);
      },
      async down(db: AnyDb) {
        for (const c of ["node1", "node2", "num2", "num3", "text4"])
          await db.schema.alterTable("records").dropColumn(c).execute();
      },
    },
  },
  {
    // A counter every write moves (the revision a cache is checked against), and the cache of
    // each dataset's current register packed in blobs (register-cache.ts).
    name: "0007_register_cache",
    migration: {
      async up(db: AnyDb) {
        await db.schema
          .alterTable("datasets")
          .addColumn("revision", "integer", (c) => c.notNull().defaultTo(0))
          .execute();
        const blob = db.getExecutor().adapter instanceof SqliteAdapter ? "blob" : "bytea";
        await db.schema
          .createTable("register_cache")
          .addColumn("dataset_id", "text", (c) => c.notNull())
          .addColumn("part", "text", (c) => c.notNull())
          .addColumn("revision", "integer", (c) => c.notNull())
          .addColumn("data", sql.raw(blob), (c) => c.notNull())
          .addPrimaryKeyConstraint("register_cache_pk", ["dataset_id", "part"])
          .execute();
      },
      async down(db: AnyDb) {
        await db.schema.dropTable("register_cache").execute();
        await db.schema.alterTable("datasets").dropColumn("revision").execute();
      },
    },
  },
  {
    // SQLite: the records' key (dataset, kind, id, version) becomes a unique index instead of
    // the table's primary key constraint, so a bulk load into an empty dataset can drop it while
    // it writes and build it again, from sorted keys, before it commits (`KEY_INDEX`): at 1M
    // entities the key's B-tree updated row by row in random id order was half the store's
    // work, and more once it outgrew the page cache. The table is rebuilt (SQLite cannot drop a
    // constraint), its rows and row ids kept. PostgreSQL keeps its constraint.
    name: "0008_records_key_index",
    migration: {
      async up(db: AnyDb) {
        if (db.getExecutor().adapter instanceof SqliteAdapter) await rebuildRecords(db, false);
      },
      async down(db: AnyDb) {
        if (db.getExecutor().adapter instanceof SqliteAdapter) await rebuildRecords(db, true);
      },
    },
  },
  {
    // SQLite: the stakes' two reference indexes are keyed by the owner or owned id alone
    // instead of (dataset, id). A load into an empty dataset builds them again after its
    // commit; without the dataset's name in every key they sort in about two thirds of the
    // time (at 1M entities, 2M stakes: about 1.5 s of CPU less each). A lookup finds the id's
    // current stakes in every dataset and keeps the dataset's (an id in several datasets is
    // read once for each). The production index keeps the dataset: a figure split between
    // assets is found by `text1 IS NULL`, which SQLite would then look up through the key's
    // index and the dataset's every figure. PostgreSQL keeps its indexes.
    name: "0009_narrow_stake_indexes",
    migration: {
      async up(db: AnyDb) {
        await swapStakeIndexes(db, NARROW_STAKE_INDEXES);
      },
      async down(db: AnyDb) {
        await swapStakeIndexes(db, NARROW_STAKE_INDEXES - 1);
      },
    },
  },
];

/** SQLite: the stakes' reference indexes built again as schema `version` defines them. */
async function swapStakeIndexes(db: AnyDb, version: number): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  for (const [name, kind] of REFERENCE_INDEXES)
    if (kind === "stakes") await db.schema.dropIndex(name).ifExists().execute();
  await createReferenceIndexes(db, version);
}

/** The unique index that is the records' key on SQLite from migration 8 on. */
export const KEY_INDEX = "records_key";

/** Builds `KEY_INDEX` (SQLite, from migration 8 on). */
export async function createKeyIndex(db: AnyDb): Promise<void> {
  await sql`CREATE UNIQUE INDEX IF NOT EXISTS ${sql.id(KEY_INDEX)}
    ON records (dataset_id, kind, record_id, version)`.execute(db);
}

/** Drops `KEY_INDEX` (SQLite) if the store has it (from migration 8 on): whether it had. */
export async function dropKeyIndex(db: AnyDb): Promise<boolean> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM sqlite_master
    WHERE type = 'index' AND name = ${KEY_INDEX}`.execute(db);
  if (rows.length === 0) return false;
  await db.schema.dropIndex(KEY_INDEX).execute();
  return true;
}

/** The records table's columns, in order, as migrations 1 to 6 left them. */
const RECORD_COLUMNS: readonly (readonly [
  string,
  "text" | "integer" | "double precision",
  string?,
])[] = [
  ["dataset_id", "text", "not null"],
  ["kind", "text", "not null"],
  ["record_id", "text", "not null"],
  ["version", "integer", "not null"],
  ["ordinal", "integer", "not null"],
  ["valid_from", "text"],
  ["valid_to", "text"],
  ["recorded_at", "text", "not null"],
  ["recorded_by", "text", "not null"],
  ["source_ids", "text", "not null"],
  ["deleted", "integer", "default 0"],
  ["body", "text"],
  ["change_note", "text"],
  ["is_current", "integer", "default 0"],
  ["text1", "text"],
  ["text2", "text"],
  ["text3", "text"],
  ["num1", "double precision"],
  ["node1", "integer"],
  ["node2", "integer"],
  ["num2", "double precision"],
  ["num3", "double precision"],
  ["text4", "text"],
];

/**
 * SQLite: rebuilds the records table with its key as the primary key constraint (`keyed`, as
 * migrations 1 to 7 made it) or as `KEY_INDEX`, rows and row ids kept, and its other indexes
 * built again.
 */
async function rebuildRecords(db: AnyDb, keyed: boolean): Promise<void> {
  // The builder's column names are typed as they are added; these come from a list.
  let t = db.schema.createTable("records_next") as CreateTableBuilder<"records_next", string>;
  for (const [name, type, constraint] of RECORD_COLUMNS)
    t = t.addColumn(name, type, (c) =>
      constraint === "not null"
        ? c.notNull()
        : constraint === "default 0"
          ? c.notNull().defaultTo(0)
          : c,
    );
  if (keyed)
    t = t.addPrimaryKeyConstraint("records_pk", ["dataset_id", "kind", "record_id", "version"]);
  await t.execute();
  const columns = RECORD_COLUMNS.map(([name]) => `"${name}"`).join(", ");
  await sql
    .raw(`INSERT INTO records_next (rowid, ${columns}) SELECT rowid, ${columns} FROM records`)
    .execute(db);
  await db.schema.dropTable("records").execute();
  await db.schema.alterTable("records_next").renameTo("records").execute();
  if (!keyed) await createKeyIndex(db);
  await db.schema
    .createIndex("records_current")
    .on("records")
    .columns(["dataset_id", "kind", "ordinal"])
    .where(sql.ref("is_current"), "=", sql.lit(1))
    .execute();
  await createReferenceIndexes(db, 8);
}

/**
 * Migration 4's lifting as four UPDATE statements, for SQLite: its JSON functions read the
 * lifted fields and drop them from the body, keeping the other keys in order and their text as
 * written (the bodies were written by `JSON.stringify`, so the result is what `encodeRecord`
 * writes; the contract test loads the same records again and finds them identical). PostgreSQL
 * has no `json` function that removes a key without reordering the others (`jsonb` sorts them):
 * it is converted row by row.
 */
async function liftInSqlite(db: AnyDb): Promise<void> {
  const lift = async (
    kinds: string,
    fields: readonly [string | null, string | null, string | null, string | null],
    extra = "",
  ) => {
    const set = (column: string, field: string | null) =>
      field === null ? "" : `${column} = json_extract(body, '$.${field}'), `;
    const removed = ["id", ...fields.filter((f) => f !== null)].map((f) => `'$.${f}'`).join(", ");
    await sql
      .raw(
        `UPDATE records SET ${set("text1", fields[0])}${set("text2", fields[1])}${set(
          "text3",
          fields[2],
        )}${set("num1", fields[3])}body = json_remove(body, ${removed})
         WHERE kind IN (${kinds}) AND body IS NOT NULL${extra}`,
      )
      .execute(db);
  };
  await lift("'entities', 'assets'", ["name", "kind", "country", null]);
  await lift("'stakes'", ["owner", "owned", null, "share"]);
  const asset = "json_type(body, '$.asset') = 'text'";
  // A figure split between assets lifts nothing: its body is the record but for its id. (First:
  // once lifted, the others' bodies have no asset either.)
  await lift("'production'", [null, null, null, null], ` AND NOT coalesce(${asset}, 0)`);
  await lift("'production'", ["asset", "commodity", "period", "tonnes"], ` AND ${asset}`);
}

/**
 * Migration 6's columns for the rows already stored, in SQL both stores run (the body's JSON
 * read with each dialect's function): node numbers from the ordinals, a stake's owner and owned
 * node and share bounds, a single-asset figure's asset node, tonnes bounds and basis.
 */
export async function fillRegisterColumns(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const field = (name: string, number: boolean) =>
    sqlite
      ? `json_extract(body, '$.${name}')`
      : number
        ? `(body::json->>'${name}')::double precision`
        : `(body::json->>'${name}')`;
  const node = (column: string) => `coalesce(
      (SELECT 2 * e.ordinal FROM records e WHERE e.dataset_id = records.dataset_id
        AND e.kind = 'entities' AND e.record_id = records.${column} LIMIT 1),
      (SELECT 2 * a.ordinal + 1 FROM records a WHERE a.dataset_id = records.dataset_id
        AND a.kind = 'assets' AND a.record_id = records.${column} LIMIT 1))`;
  await sql
    .raw(`UPDATE records SET node1 = 2 * ordinal WHERE kind = 'entities' AND body IS NOT NULL`)
    .execute(db);
  await sql
    .raw(`UPDATE records SET node1 = 2 * ordinal + 1 WHERE kind = 'assets' AND body IS NOT NULL`)
    .execute(db);
  await sql
    .raw(
      `UPDATE records SET node1 = ${node("text1")}, node2 = ${node("text2")},
        num2 = ${field("shareMin", true)}, num3 = ${field("shareMax", true)}
       WHERE kind = 'stakes' AND body IS NOT NULL`,
    )
    .execute(db);
  await sql
    .raw(
      `UPDATE records SET node1 = ${node("text1")}, num2 = ${field("tonnesMin", true)},
        num3 = ${field("tonnesMax", true)}, text4 = ${field("basis", false)}
       WHERE kind = 'production' AND body IS NOT NULL`,
    )
    .execute(db);
}

interface BodyRow {
  dataset_id: string;
  kind: string;
  record_id: string;
  version: number;
  body: string;
  text1: string | null;
  text2: string | null;
  text3: string | null;
  num1: number | null;
}

/** Rewrites the body and lifted columns of every row of the lifted kinds, a page at a time. */
async function rewriteBodies(
  db: AnyDb,
  rewrite: (
    kind: string,
    row: BodyRow,
  ) => {
    body: string;
    text1: string | null;
    text2: string | null;
    text3: string | null;
    num1: number | null;
  },
): Promise<void> {
  const PAGE = 5_000;
  for (const kind of ["entities", "assets", "stakes", "production"]) {
    if (!isLiftedKind(kind)) continue;
    let after: [string, string, number] | undefined;
    for (;;) {
      let q = db
        .selectFrom("records")
        .select([
          "dataset_id",
          "kind",
          "record_id",
          "version",
          "body",
          "text1",
          "text2",
          "text3",
          "num1",
        ])
        .where("kind", "=", kind)
        .where("body", "is not", null);
      if (after) {
        const [d, id, v] = after;
        q = q.where(({ eb, refTuple, tuple }) =>
          eb(refTuple("dataset_id", "record_id", "version"), ">", tuple(d, id, v)),
        );
      }
      const rows = (await q
        .orderBy("dataset_id")
        .orderBy("record_id")
        .orderBy("version")
        .limit(PAGE)
        .execute()) as BodyRow[];
      for (const row of rows) {
        const num1 = row.num1 === null ? null : Number(row.num1);
        const next = rewrite(kind, { ...row, version: Number(row.version), num1 });
        await db
          .updateTable("records")
          .set(next)
          .where("dataset_id", "=", row.dataset_id)
          .where("kind", "=", kind)
          .where("record_id", "=", row.record_id)
          .where("version", "=", Number(row.version))
          .execute();
      }
      const last = rows[rows.length - 1];
      if (rows.length < PAGE || !last) break;
      after = [last.dataset_id, last.record_id, Number(last.version)];
    }
  }
}

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

function migratorFor(db: AnyDb): Migrator {
  return new Migrator({
    db,
    provider: {
      getMigrations: async () => Object.fromEntries(MIGRATIONS.map((m) => [m.name, m.migration])),
    },
    migrationTableName: "orebook_migrations",
    migrationLockTableName: "orebook_migrations_lock",
  });
}

/** The number of migrations applied to the database. */
export async function schemaVersionOf(db: AnyDb): Promise<number> {
  const infos = await migratorFor(db).getMigrations();
  return infos.filter((m) => m.executedAt !== undefined).length;
}

/** Brings the database to schema version `to` (default the latest), in place. */
export async function migrateTo(
  db: AnyDb,
  to: number = LATEST_SCHEMA_VERSION,
): Promise<{ from: number; to: number }> {
  if (!Number.isInteger(to) || to < 0 || to > LATEST_SCHEMA_VERSION)
    throw new OrebookError(
      "BAD_INPUT",
      `Schema version ${to} does not exist: expected 0 to ${LATEST_SCHEMA_VERSION}`,
    );
  const from = await schemaVersionOf(db);
  if (from > LATEST_SCHEMA_VERSION)
    throw new OrebookError(
      "UNSUPPORTED",
      `The store has schema version ${from}, newer than this Orebook knows (${LATEST_SCHEMA_VERSION}): upgrade Orebook`,
    );
  if (from === to) return { from, to };
  const target = to === 0 ? NO_MIGRATIONS : (MIGRATIONS[to - 1]?.name ?? NO_MIGRATIONS);
  const { error, results } = await migratorFor(db).migrateTo(target);
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new OrebookError(
      "INTERNAL",
      `Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return { from, to };
}
