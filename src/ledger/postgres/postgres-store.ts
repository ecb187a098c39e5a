/**
 * The server store: PostgreSQL through pg, for a team. The database must exist; its tables
 * are created and migrated on first use.
 */
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { OrebookError } from "../../model/errors.js";
import { KyselyLedger, type RecordRow } from "../kysely-ledger.js";
import type { Ledger } from "../ledger.js";
import type { LedgerTables } from "../schema.js";

export interface PostgresStoreOptions {
  /** `postgres://user@host:port/database`. */
  url: string;
  /** Run pending migrations on open (default true). */
  migrate?: boolean;
  /** The clock recorded times default to. */
  clock?: () => Date;
  /** Connections in the pool (default 4). */
  poolSize?: number;
}

/** Rows per INSERT: 18 parameters each, well under PostgreSQL's 65,535. */
const ROWS_PER_INSERT = 1_000;

/** The URL without its password, to show. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable database URL)";
  }
}

/** Opens the PostgreSQL ledger at `opts.url`, checking the server answers. */
export async function openPostgresLedger(opts: PostgresStoreOptions): Promise<Ledger> {
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 4 });
  // An idle client losing its server must not crash the process.
  pool.on("error", () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (e) {
    await pool.end().catch(() => {});
    throw new OrebookError(
      "BAD_INPUT",
      `Cannot connect to PostgreSQL at ${redactedUrl(opts.url)}: ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  }
  const db = new Kysely<LedgerTables>({ dialect: new PostgresDialect({ pool }) });
  const ledger = new KyselyLedger(
    db,
    {
      dialect: "postgres",
      location: redactedUrl(opts.url),
      address: { dialect: "postgres", url: opts.url },
      async insertRows(trx, rows: readonly RecordRow[]) {
        for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
          await trx
            .insertInto("records")
            .values(rows.slice(i, i + ROWS_PER_INSERT))
            .execute();
      },
      async selectTuples(db, query) {
        const { rows } = await db.executeQuery<Record<string, unknown>>(query);
        return rows.map((r) => Object.values(r));
      },
      // 23505: unique violation; 40001, 40P01: serialisation failure, deadlock.
      isWriteConflict: (e) =>
        ["23505", "40001", "40P01"].includes(String((e as { code?: unknown } | null)?.code)),
      // Writers of one dataset queue on its row lock in the server.
      exclusive: (fn) => fn(),
      async close() {
        // Kysely's destroy() ends the pool.
      },
    },
    opts.clock ? { clock: opts.clock } : {},
  );
  if (opts.migrate !== false) await ledger.migrate();
  return ledger;
}
