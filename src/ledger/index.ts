/** The ledger: dated facts with sources and history, in SQLite or PostgreSQL. */
export * from "./ledger.js";
export { LATEST_SCHEMA_VERSION, MIGRATIONS } from "./migrations.js";
export * from "./open-ledger.js";
export { openPostgresLedger, type PostgresStoreOptions } from "./postgres/postgres-store.js";
export { openSqliteLedger, type SqliteStoreOptions } from "./sqlite/sqlite-store.js";
