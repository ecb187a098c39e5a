/**
 * Versioned migrations, one list for both stores (Kysely's schema builder speaks both
 * dialects). They run automatically when a store opens; an older database is upgraded in
 * place. Add a migration at the end, never edit one that has shipped.
 */
import { type Kysely, type Migration, Migrator, NO_MIGRATIONS, sql } from "kysely";
import { OrebookError } from "../model/errors.js";

// Migrations build tables that the typed schema does not know yet: they take an untyped handle.
// biome-ignore lint/suspicious/noExplicitAny: a migration runs before the typed schema exists
type AnyDb = Kysely<any>;

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
];

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
