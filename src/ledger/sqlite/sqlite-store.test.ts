import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { describe, expect, it } from "vitest";
import { largeDataset, parsedDataset, smallDataset } from "../_test-fixture.js";
import { currentStakesQuery, lastOrdinalQuery } from "../kysely-ledger.js";
import { ledgerContract, type StoreHarness } from "../ledger.contract.js";
import type { LedgerTables } from "../schema.js";
import { openSqliteLedger } from "./sqlite-store.js";

const dir = mkdtempSync(join(tmpdir(), "orebook-sqlite-"));
let n = 0;

const harness: StoreHarness = {
  create: (opts = {}) => openSqliteLedger({ path: join(dir, `store-${++n}.db`), ...opts }),
  reopen: (l) => openSqliteLedger({ path: l.location }),
  async exec(l, sql) {
    const db = new Database(l.location);
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  },
  async cleanup() {
    rmSync(dir, { recursive: true, force: true });
  },
};

ledgerContract("SQLite", () => harness);

describe("openSqliteLedger()", () => {
  it("openSqliteLedger() creates the file and its folder on first use", async () => {
    const path = join(dir, "nested", "deeper", "orebook.db");
    const l = await openSqliteLedger({ path });
    expect(l.location).toBe(path);
    await l.load("drc", smallDataset(), { actor: "ana" });
    await l.close();
    const again = await openSqliteLedger({ path });
    expect(await again.isEmpty("drc")).toBe(false);
    await again.close();
  });
});

describe("schema 5 on SQLite", () => {
  it("builds the reference indexes again on open when a bulk load died before rebuilding them", async () => {
    const path = join(dir, "indexes.db");
    const indexes = () => {
      const db = new Database(path, { readonly: true });
      try {
        return db
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'records_%' ORDER BY name",
          )
          .all()
          .map((r) => (r as { name: string }).name);
      } finally {
        db.close();
      }
    };
    const l = await openSqliteLedger({ path });
    await l.load("drc", smallDataset(), { actor: "ana" });
    await l.close();
    const all = indexes();
    expect(all).toEqual(
      expect.arrayContaining([
        "records_production_asset",
        "records_stake_owned",
        "records_stake_owner",
      ]),
    );
    // What a load into an empty dataset leaves if it dies after its commit.
    const raw = new Database(path);
    raw.exec(
      "DROP INDEX records_stake_owner; DROP INDEX records_stake_owned; DROP INDEX records_production_asset",
    );
    raw.close();
    expect(indexes()).not.toContain("records_stake_owned");
    const again = await openSqliteLedger({ path });
    expect(indexes()).toEqual(all);
    expect(await again.isEmpty("drc")).toBe(false);
    await again.close();
  });
});

describe("schema 4 on SQLite", () => {
  it("stores a stake's owner, owned and share in columns and the rest in the body, and back", async () => {
    const path = join(dir, "lifted.db");
    const l = await openSqliteLedger({ path });
    await l.load("drc", smallDataset(), { actor: "ana" });
    const row = () =>
      new Database(path, { readonly: true })
        .prepare(
          "SELECT text1, text2, text3, num1, body FROM records WHERE kind = 'stakes' AND record_id = 'gecamines-tfm'",
        )
        .get();
    expect(row()).toEqual({
      text1: "gecamines",
      text2: "tfm",
      text3: null,
      num1: 0.2,
      body: '{"kind":"free-carried","sources":["src-annual-2024"],"asOf":"2024-12-31"}',
    });
    // Down to schema 3: the whole record in the body again, columns gone.
    await l.migrate({ to: 3 });
    const v3 = new Database(path, { readonly: true })
      .prepare("SELECT * FROM records WHERE kind = 'stakes' AND record_id = 'gecamines-tfm'")
      .get() as Record<string, unknown>;
    expect("text1" in v3).toBe(false);
    expect(JSON.parse(v3.body as string)).toEqual(parsedDataset(smallDataset()).stakes[1]);
    await l.migrate();
    expect(row()).toMatchObject({ text1: "gecamines", num1: 0.2 });
    await l.close();
  });
});

describe("schema 8 on SQLite", () => {
  const indexes = (path: string) =>
    (
      new Database(path, { readonly: true })
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name")
        .all() as { name: string }[]
    ).map((r) => r.name);
  const duplicateOfFirstRow = (path: string) => {
    const db = new Database(path);
    try {
      db.exec("INSERT INTO records SELECT * FROM records LIMIT 1");
    } finally {
      db.close();
    }
  };

  it("keeps the records' key as a unique index, dropped and rebuilt by a bulk load before it commits", async () => {
    const path = join(dir, "key.db");
    const l = await openSqliteLedger({ path });
    await l.load("drc", smallDataset(), { actor: "ana" });
    expect(indexes(path)).toContain("records_key");
    expect(indexes(path)).not.toContain("sqlite_autoindex_records_1");
    expect(() => duplicateOfFirstRow(path)).toThrow(/UNIQUE constraint failed/);
    // A second bulk load into another empty dataset rebuilds the key over both.
    await l.load("other", smallDataset(), { actor: "ana" });
    expect(indexes(path)).toContain("records_key");
    expect(() => duplicateOfFirstRow(path)).toThrow(/UNIQUE constraint failed/);
    await l.close();
  });

  it("rebuilds the indexes only for a load that outweighs the table, not for a small dataset beside a large one", async () => {
    const path = join(dir, "bulk-only.db");
    const schemaVersion = () => {
      const db = new Database(path, { readonly: true });
      try {
        return db.pragma("schema_version", { simple: true }) as number;
      } finally {
        db.close();
      }
    };
    const large = smallDataset() as unknown as Record<string, unknown[]>;
    for (let i = 0; i < 25_000; i++)
      large.entities?.push({
        id: `co-${i}`,
        name: `Company ${i}`,
        kind: "company",
        country: "CD",
        sources: ["src-annual-2024"],
        asOf: "2024-12-31",
      });
    const l = await openSqliteLedger({ path });
    const opened = schemaVersion();
    // The large load drops the indexes and builds them again (each a schema change).
    await l.load("register", large as unknown as ReturnType<typeof smallDataset>, { actor: "ana" });
    const loaded = schemaVersion();
    expect(loaded).toBeGreaterThan(opened);
    expect(indexes(path).filter((n) => n.startsWith("records_"))).toEqual([
      "records_current",
      "records_key",
      "records_production_asset",
      "records_stake_owned",
      "records_stake_owner",
    ]);
    // A small dataset into the same store keeps them: no pass over the register's rows.
    await l.load("drc", smallDataset(), { actor: "ana" });
    expect(schemaVersion()).toBe(loaded);
    expect(() => duplicateOfFirstRow(path)).toThrow(/UNIQUE constraint failed/);
    expect(await l.datasetAt("drc")).toEqual(parsedDataset(smallDataset()));
    await l.close();
  });

  it("migrates down to the primary key constraint and back, rows and reads kept", async () => {
    const path = join(dir, "key-down.db");
    const l = await openSqliteLedger({ path });
    await l.load("drc", smallDataset(), { actor: "ana" });
    const before = await l.datasetAt("drc");
    await l.migrate({ to: 7 });
    expect(indexes(path)).toContain("sqlite_autoindex_records_1");
    expect(indexes(path)).not.toContain("records_key");
    expect(() => duplicateOfFirstRow(path)).toThrow(/UNIQUE constraint failed/);
    await l.migrate();
    expect(indexes(path).filter((n) => n.includes("records"))).toEqual([
      "records_current",
      "records_key",
      "records_production_asset",
      "records_stake_owned",
      "records_stake_owner",
    ]);
    expect(() => duplicateOfFirstRow(path)).toThrow(/UNIQUE constraint failed/);
    expect(await l.datasetAt("drc")).toEqual(before);
    await l.close();
  });
});

describe("a large load into an empty dataset on SQLite", () => {
  const journalMode = (path: string) => {
    const db = new Database(path);
    try {
      return db.pragma("journal_mode", { simple: true });
    } finally {
      db.close();
    }
  };

  it("writes under the rollback journal when it is the file's only connection, then goes back to the log", async () => {
    const path = join(dir, "journal.db");
    const l = await openSqliteLedger({ path });
    let seen: string | undefined;
    await l.load("register", largeDataset(6_000), {
      actor: "ana",
      onProgress(done) {
        // The hot journal is the file's, beside it, while the load writes.
        if (done > 12_000 && seen === undefined)
          seen = existsSync(`${path}-journal`) ? "journal" : "log";
      },
    });
    expect(seen).toBe("journal");
    expect(existsSync(`${path}-journal`)).toBe(false);
    await l.load("drc", smallDataset(), { actor: "ana" });
    await l.close();
    expect(journalMode(path)).toBe("wal");
    const again = await openSqliteLedger({ path });
    expect(await again.datasetAt("drc")).toEqual(parsedDataset(smallDataset()));
    expect((await again.datasetAt("register")).stakes).toHaveLength(
      largeDataset(6_000).stakes.length,
    );
    await again.close();
  });

  it("stays on the log while another connection has the file open, and that one reads on", async () => {
    const path = join(dir, "journal-shared.db");
    const l = await openSqliteLedger({ path });
    await l.load("drc", smallDataset(), { actor: "ana" });
    const reader = await openSqliteLedger({ path });
    let read: number | undefined;
    let seen: string | undefined;
    await l.load("register", largeDataset(6_000), {
      actor: "ana",
      onProgress(done) {
        if (done > 12_000 && seen === undefined) {
          seen = existsSync(`${path}-journal`) ? "journal" : "log";
          // better-sqlite3 is synchronous: the other connection reads here, mid-transaction.
          read = new Database(path, { readonly: true })
            .prepare("SELECT count(*) AS n FROM records WHERE dataset_id = 'drc'")
            .pluck()
            .get() as number;
        }
      },
    });
    expect(seen).toBe("log");
    expect(read).toBe(9);
    expect((await reader.datasetAt("register")).stakes).toHaveLength(
      largeDataset(6_000).stakes.length,
    );
    await reader.close();
    await l.close();
  });
});

describe("a new record on SQLite", () => {
  it("takes the ordinal after the kind's last one from the current rows' index, without a scan of the kind's rows", async () => {
    const path = join(dir, "ordinal.db");
    const l = await openSqliteLedger({ path });
    await l.load("drc", smallDataset(), { actor: "ana" });
    await l.close();
    const raw = new Database(path);
    const db = new Kysely<LedgerTables>({ dialect: new SqliteDialect({ database: raw }) });
    try {
      const q = lastOrdinalQuery(db, "drc", "stakes").compile();
      const plan = (
        raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as {
          detail: string;
        }[]
      ).map((r) => r.detail);
      // The key's index would visit every version of every stake and read each row's ordinal.
      expect(plan).toEqual([expect.stringMatching(/USING (COVERING )?INDEX records_current\b/)]);
      const last = raw
        .prepare(
          "SELECT max(ordinal) AS m FROM records WHERE dataset_id = 'drc' AND kind = 'stakes'",
        )
        .get() as { m: number };
      expect(Number((await lastOrdinalQuery(db, "drc", "stakes").executeTakeFirst())?.m)).toBe(
        last.m,
      );
    } finally {
      await db.destroy();
    }
  });
});

describe("schema 9 on SQLite", () => {
  const definitions = (path: string) => {
    const db = new Database(path, { readonly: true });
    try {
      return Object.fromEntries(
        (
          db
            .prepare(
              "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ('records_stake_owner', 'records_stake_owned', 'records_production_asset')",
            )
            .all() as { name: string; sql: string }[]
        ).map((r) => [r.name, r.sql.replace(/\s+/g, " ")]),
      );
    } finally {
      db.close();
    }
  };

  it("keys the stakes' reference indexes by the owner or owned id alone, down to (dataset, id) and back, and a bulk load rebuilds them so", async () => {
    const path = join(dir, "narrow.db");
    const l = await openSqliteLedger({ path });
    await l.load("drc", smallDataset(), { actor: "ana" });
    const narrow = {
      records_stake_owner: expect.stringContaining('ON records ("text1") WHERE'),
      records_stake_owned: expect.stringContaining('ON records ("text2") WHERE'),
      records_production_asset: expect.stringContaining('ON records (dataset_id, "text1") WHERE'),
    };
    expect(definitions(path)).toEqual(narrow);
    await l.migrate({ to: 8 });
    expect(definitions(path)).toEqual({
      records_stake_owner: expect.stringContaining('ON records (dataset_id, "text1") WHERE'),
      records_stake_owned: expect.stringContaining('ON records (dataset_id, "text2") WHERE'),
      records_production_asset: expect.stringContaining('ON records (dataset_id, "text1") WHERE'),
    });
    expect(await l.datasetAt("drc")).toEqual(parsedDataset(smallDataset()));
    await l.migrate();
    expect(definitions(path)).toEqual(narrow);
    // A bulk load into an empty dataset drops them and builds them again as they were.
    await l.load("register", largeDataset(6_000), { actor: "ana" });
    expect(definitions(path)).toEqual(narrow);
    expect(await l.datasetAt("drc")).toEqual(parsedDataset(smallDataset()));
    await l.close();
  });

  it("finds a node's current stakes, as owner and as owned, through those indexes", async () => {
    const path = join(dir, "narrow-plan.db");
    const l = await openSqliteLedger({ path });
    await l.load("drc", smallDataset(), { actor: "ana" });
    await l.close();
    const raw = new Database(path);
    const db = new Kysely<LedgerTables>({ dialect: new SqliteDialect({ database: raw }) });
    try {
      for (const [column, index] of [
        ["text1", "records_stake_owner"],
        ["text2", "records_stake_owned"],
      ] as const) {
        const q = currentStakesQuery(db, "drc", column, "tfm").compile();
        const plan = (
          raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as {
            detail: string;
          }[]
        ).map((r) => r.detail);
        expect(plan).toEqual([expect.stringMatching(new RegExp(`USING INDEX ${index}\\b`))]);
      }
      const owned = await currentStakesQuery(db, "drc", "text2", "tfm").execute();
      expect(owned.map((r) => r.record_id)).toEqual(["cmoc-tfm", "gecamines-tfm"]);
      const owning = await currentStakesQuery(db, "drc", "text1", "cmoc").execute();
      expect(owning.map((r) => r.record_id)).toEqual(["cmoc-tfm"]);
    } finally {
      await db.destroy();
    }
  });
});

describe("a load's rows on SQLite", () => {
  it("stores rows whose optional fields are absent, present or different within one statement as they were given", async () => {
    const ds = largeDataset(300) as unknown as Record<string, Record<string, unknown>[]>;
    // Within every 64 rows, some fields absent in all, some in part, some equal in all.
    ds.sources?.push({ id: "src-other", title: "Other", kind: "derived", confidence: "low" });
    for (const [i, s] of (ds.stakes ?? []).entries()) {
      if (i % 3 === 0) s.validFrom = "2020-01-01";
      if (i % 5 === 0) {
        s.shareMin = 0.1;
        s.shareMax = 1;
      }
      if (i % 7 === 0) s.kind = "free-carried";
      if (i % 11 === 0) s.sources = ["src-other"];
    }
    for (const [i, a] of (ds.assets ?? []).entries()) if (i % 2 === 0) a.province = "Lualaba";
    for (const [i, p] of (ds.production ?? []).entries())
      if (i >= 128) p.basis = i % 64 === 0 ? "estimate" : "actual";
    const path = join(dir, "shapes.db");
    const l = await openSqliteLedger({ path });
    await l.load("register", ds as unknown as ReturnType<typeof smallDataset>, {
      actor: "ana",
      note: "shapes",
    });
    const again = await openSqliteLedger({ path });
    expect(await again.datasetAt("register")).toEqual(
      parsedDataset(ds as unknown as ReturnType<typeof smallDataset>),
    );
    const reg = await again.registerAt("register", { asOf: "2025-06-30" });
    const stakes = ds.stakes ?? [];
    expect(Array.from(reg.shareMin)).toEqual(stakes.map((s) => (s.shareMin ?? s.share) as number));
    const [v] = await again.history("register", "ch-5");
    expect(v).toMatchObject({
      version: 1,
      recordedBy: "ana",
      note: "shapes",
      sources: ["src-synthetic"],
    });
    await again.close();
    await l.close();
  });
});
