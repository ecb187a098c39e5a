/**
 * Chooses the store from options and environment: a database URL (`--database-url`,
 * `OREBOOK_DATABASE_URL`) means PostgreSQL; otherwise a SQLite file (`--db`, `OREBOOK_DB`,
 * default `./orebook.db`).
 */
import type { Ledger, StoreAddress } from "./ledger.js";
import type { PostgresStoreOptions } from "./postgres/postgres-store.js";
import { openSqliteLedger } from "./sqlite/sqlite-store.js";

/** The PostgreSQL store, loaded only when one is asked for: its driver (`pg`, CommonJS) costs a
 * cold SQLite process a tenth of a second to load (issue 23). */
async function openPostgresLedger(opts: PostgresStoreOptions): Promise<Ledger> {
  return (await import("./postgres/postgres-store.js")).openPostgresLedger(opts);
}

export const DEFAULT_DB_PATH = "orebook.db";

export interface OpenLedgerOptions {
  /** SQLite file. */
  db?: string | undefined;
  /** PostgreSQL URL; wins over `db`. */
  databaseUrl?: string | undefined;
  /** Run pending migrations on open (default true). */
  migrate?: boolean;
  /** The clock recorded times default to. */
  clock?: () => Date;
  /** Where to read `OREBOOK_DATABASE_URL` and `OREBOOK_DB` (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Where `openLedger` would go, without opening it. */
export function storeFrom(opts: OpenLedgerOptions): StoreAddress {
  const env = opts.env ?? process.env;
  const url = opts.databaseUrl ?? (opts.db === undefined ? env.OREBOOK_DATABASE_URL : undefined);
  if (url) return { dialect: "postgres", url };
  return { dialect: "sqlite", path: opts.db ?? env.OREBOOK_DB ?? DEFAULT_DB_PATH };
}

/** Opens the ledger the options and environment name, migrated to the latest schema. */
export async function openLedger(opts: OpenLedgerOptions = {}): Promise<Ledger> {
  const where = storeFrom(opts);
  const common = {
    ...(opts.migrate === undefined ? {} : { migrate: opts.migrate }),
    ...(opts.clock ? { clock: opts.clock } : {}),
  };
  return where.dialect === "postgres"
    ? openPostgresLedger({ url: where.url, ...common })
    : openSqliteLedger({ path: where.path, ...common });
}

/** Opens a connection of its own to the store at `address` (see `Ledger.address`). */
export function openLedgerAt(
  address: StoreAddress,
  opts: Pick<OpenLedgerOptions, "migrate" | "clock"> = {},
): Promise<Ledger> {
  const common = {
    ...(opts.migrate === undefined ? {} : { migrate: opts.migrate }),
    ...(opts.clock ? { clock: opts.clock } : {}),
  };
  return address.dialect === "postgres"
    ? openPostgresLedger({ url: address.url, ...common })
    : openSqliteLedger({ path: address.path, ...common });
}
