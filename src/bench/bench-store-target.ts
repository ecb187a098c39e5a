/**
 * The store `orebook bench-store` runs on: a fresh SQLite file (the default), or, with
 * `--database-url URL`, a fresh PostgreSQL database created through that URL's server for the
 * run and dropped at its end (the URL's own database is only where the bench connects to create
 * and drop it).
 */
import { rmSync } from "node:fs";
import { OrebookError } from "../model/errors.js";

export interface BenchStoreTarget {
  /** Which store: the benchmark's rows and summary say it. */
  readonly dialect: "sqlite" | "postgres";
  /** The options naming the store, for every orebook command of the run. */
  readonly args: readonly string[];
  /** Removes what the run created (the PostgreSQL database); idempotent. */
  drop(): Promise<void>;
}

/** A database name of the run: lower case letters, digits and underscores, ≤ 63 bytes. */
export function benchDatabaseName(entities: number, seed: string, pid: number): string {
  const safeSeed = seed.replace(/[^0-9a-z]/gi, "").toLowerCase();
  return `orebook_bench_n${entities}_s${safeSeed}_${pid}`.slice(0, 63);
}

/**
 * `url` with its database replaced by `database`, after checking it is a PostgreSQL URL
 * (`postgres://` or `postgresql://`, with a host); throws a BAD_INPUT error saying what is
 * expected otherwise.
 */
export function benchDatabaseUrl(url: string, database: string): string {
  const expected =
    "expected postgres://user@host:port/database (a server the bench may create and drop a database on)";
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new OrebookError("BAD_INPUT", `--database-url ${url}: not a URL; ${expected}`);
  }
  if (u.protocol !== "postgres:" && u.protocol !== "postgresql:")
    throw new OrebookError(
      "BAD_INPUT",
      `--database-url ${u.protocol}//…: not a PostgreSQL URL; ${expected}`,
    );
  if (u.hostname === "")
    throw new OrebookError("BAD_INPUT", `--database-url: no host; ${expected}`);
  if (!/^[a-z_][a-z0-9_]*$/.test(database))
    throw new OrebookError("INTERNAL", `Database name ${database}: not a plain identifier`);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Prepares the run's store: the SQLite file `sqlitePath` removed (with its journal files), or,
 * when `databaseUrl` is given, the database `name` created fresh on its server.
 */
export async function prepareBenchStore(
  databaseUrl: string | undefined,
  sqlitePath: string,
  name: string,
): Promise<BenchStoreTarget> {
  if (databaseUrl === undefined) {
    for (const f of [sqlitePath, `${sqlitePath}-wal`, `${sqlitePath}-shm`])
      rmSync(f, { force: true });
    return { dialect: "sqlite", args: ["--db", sqlitePath], drop: async () => {} };
  }
  const url = benchDatabaseUrl(databaseUrl, name);
  const { default: pg } = await import("pg");
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: databaseUrl });
    try {
      await client.connect();
      await client.query(sql);
    } catch (e) {
      throw new OrebookError(
        "BAD_INPUT",
        `--database-url: ${sql.split(" ").slice(0, 2).join(" ")} ${name} failed: ${e instanceof Error ? e.message : String(e)}`,
        { cause: e },
      );
    } finally {
      await client.end().catch(() => {});
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  let dropped = false;
  return {
    dialect: "postgres",
    args: ["--database-url", url],
    async drop() {
      if (dropped) return;
      dropped = true;
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
