import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { smallDataset } from "../_test-fixture.js";
import { ledgerContract, type StoreHarness } from "../ledger.contract.js";
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
