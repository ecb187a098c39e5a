/**
 * API tokens, stored hashed in the same database as the ledger (its own table and its own
 * migration list, so the ledger's schema is untouched). A token is shown once when created;
 * the store keeps only its SHA-256 digest, which is enough for a 256-bit random secret (there
 * is nothing to brute-force, so a slow password hash would only slow every request).
 *
 * Token form: `obk_<id>_<secret>`, the id (public, used to list and revoke) and 32 random
 * bytes in base64url.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { Kysely, type Migration, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { type OpenLedgerOptions, storeFrom } from "../ledger/open-ledger.js";
import { OrebookError } from "../model/errors.js";

export const ROLES = ["viewer", "analyst", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** True when `s` names a role. */
export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

export interface TokenInfo {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

interface TokensTable {
  token_id: string;
  name: string;
  role: string;
  digest: string;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
}

interface TokenTables {
  api_tokens: TokensTable;
}

// biome-ignore lint/suspicious/noExplicitAny: a migration runs before the typed schema exists
type AnyDb = Kysely<any>;

const MIGRATIONS: Record<string, Migration> = {
  "0001_api_tokens": {
    async up(db: AnyDb) {
      await db.schema
        .createTable("api_tokens")
        .ifNotExists()
        .addColumn("token_id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("digest", "text", (c) => c.notNull().unique())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("revoked_at", "text")
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable("api_tokens").execute();
    },
  },
};

const TOKEN_RE = /^obk_([a-f0-9]{12})_([A-Za-z0-9_-]{43})$/;

function digestOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function infoFrom(r: TokensTable): TokenInfo {
  return {
    id: r.token_id,
    name: r.name,
    role: r.role as Role,
    createdAt: r.created_at,
    createdBy: r.created_by,
    revokedAt: r.revoked_at,
  };
}

/** Creates, checks, lists and revokes API tokens. */
export class TokenStore {
  private constructor(private readonly db: Kysely<TokenTables>) {}

  /** Opens the token table in the store the options name (the ledger's), creating it once. */
  static async open(
    opts: Pick<OpenLedgerOptions, "db" | "databaseUrl" | "env"> = {},
  ): Promise<TokenStore> {
    const where = storeFrom(opts);
    let db: Kysely<TokenTables>;
    if (where.dialect === "postgres") {
      const pool = new pg.Pool({ connectionString: where.url, max: 2 });
      pool.on("error", () => {});
      db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    } else {
      const memory = where.path === ":memory:";
      const path = memory ? where.path : resolve(where.path);
      if (!memory) mkdirSync(dirname(path), { recursive: true });
      const sqlite = new Database(path);
      sqlite.pragma("journal_mode = WAL");
      sqlite.pragma("busy_timeout = 10000");
      db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
    }
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => MIGRATIONS },
      migrationTableName: "orebook_api_migrations",
      migrationLockTableName: "orebook_api_migrations_lock",
    });
    const { error } = await migrator.migrateToLatest();
    if (error) {
      await db.destroy();
      throw new OrebookError("INTERNAL", "The token table could not be created", { cause: error });
    }
    return new TokenStore(db);
  }

  /** Makes a token; returns it in clear, once. */
  async create(opts: {
    role: Role;
    name?: string;
    createdBy?: string;
  }): Promise<{ token: string; info: TokenInfo }> {
    if (!isRole(opts.role))
      throw new OrebookError(
        "BAD_INPUT",
        `Unknown role "${String(opts.role)}": expected one of ${ROLES.join(", ")}`,
      );
    const id = randomBytes(6).toString("hex");
    const token = `obk_${id}_${randomBytes(32).toString("base64url")}`;
    const row: TokensTable = {
      token_id: id,
      name: opts.name?.trim() || `${opts.role} token`,
      role: opts.role,
      digest: digestOf(token),
      created_at: new Date().toISOString(),
      created_by: opts.createdBy ?? "cli",
      revoked_at: null,
    };
    await this.db.insertInto("api_tokens").values(row).execute();
    return { token, info: infoFrom(row) };
  }

  /** The token's holder, or undefined when the token is malformed, unknown or revoked. */
  async verify(token: string): Promise<TokenInfo | undefined> {
    const m = TOKEN_RE.exec(token);
    if (!m) return undefined;
    const digest = digestOf(token);
    const row = await this.db
      .selectFrom("api_tokens")
      .selectAll()
      .where("token_id", "=", m[1] as string)
      .executeTakeFirst();
    if (!row || row.revoked_at !== null) return undefined;
    const a = Buffer.from(row.digest, "hex");
    const b = Buffer.from(digest, "hex");
    if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
    return infoFrom(row);
  }

  async list(): Promise<TokenInfo[]> {
    const rows = await this.db.selectFrom("api_tokens").selectAll().orderBy("created_at").execute();
    return rows.map(infoFrom);
  }

  /** Revokes a token by id; NOT_FOUND when there is none. */
  async revoke(id: string): Promise<TokenInfo> {
    const at = new Date().toISOString();
    const res = await this.db
      .updateTable("api_tokens")
      .set({ revoked_at: at })
      .where("token_id", "=", id)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0)
      throw new OrebookError("NOT_FOUND", `No active token with id ${id}`);
    const row = await this.db
      .selectFrom("api_tokens")
      .selectAll()
      .where("token_id", "=", id)
      .executeTakeFirstOrThrow();
    return infoFrom(row);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
