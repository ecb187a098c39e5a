import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Dataset } from "../model/dataset.js";
import { smallDataset } from "./_test-fixture.js";
import type { RegisterColumns } from "./register-columns.js";
import { openSqliteLedger } from "./sqlite/sqlite-store.js";

const dir = mkdtempSync(join(tmpdir(), "orebook-register-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The small dataset with what the cache stores apart: stake and figure ids given as an import
 * names them (left out of the cache) beside others, share bounds, a dated stake, names with a
 * line break and outside ASCII, and an entity without a country.
 */
function register(): Dataset {
  const ds = smallDataset() as unknown as Record<string, Record<string, unknown>[]>;
  const src = ["src-annual-2024"];
  ds.entities?.push(
    {
      id: "e-nl",
      name: "Two\nlines",
      kind: "company",
      country: null,
      countryReason: "not given",
      sources: src,
      asOf: "2024-12-31",
    },
    {
      id: "e-u",
      name: "Société Minière",
      kind: "person",
      country: "CD",
      sources: src,
      asOf: "2024-12-31",
    },
  );
  ds.stakes?.push(
    {
      id: "kobold:cmoc",
      owner: "kobold",
      owned: "cmoc",
      share: 0.05,
      sources: src,
      asOf: "2024-12-31",
    },
    {
      id: "e-nl:cmoc",
      owner: "e-nl",
      owned: "cmoc",
      share: 0.3,
      shareMin: 0.2,
      shareMax: 0.4,
      sources: src,
      asOf: "2024-12-31",
    },
    {
      id: "e-u-kobold",
      owner: "e-u",
      owned: "kobold",
      share: 1,
      validTo: "2020-01-01",
      sources: src,
      asOf: "2024-12-31",
    },
  );
  ds.production?.push({
    id: "tfm:copper:2024",
    asset: "tfm",
    commodity: "copper",
    period: "2024",
    tonnes: 0.1 + 0.2,
    basis: "estimate",
    sources: src,
    asOf: "2024-12-31",
  });
  return ds as unknown as Dataset;
}

/** Every field a reader reads of a register, the lazy ones included. */
function plain(r: RegisterColumns) {
  const kind = (c: RegisterColumns["entities"]) => ({
    ids: [...c.ids],
    idAt: Array.from({ length: c.count }, (_, i) => c.idAt(i)),
    textAt: Array.from({ length: c.count }, (_, i) => [1, 2, 3].map((f) => c.textAt(f as 1, i))),
    text: [[...c.text1], [...c.text2], [...c.text3]],
    body: Array.from(c.body, (b) => c.bodies[b]),
    num1: [...c.num1],
  });
  return {
    entities: kind(r.entities),
    assets: kind(r.assets),
    stakes: { ...kind(r.stakes), text: [] },
    production: kind(r.production),
    owner: [...r.stakeOwner],
    owned: [...r.stakeOwned],
    share: [...r.share],
    min: [...r.shareMin],
    max: [...r.shareMax],
    bounded: r.bounded,
    productionNode: [...r.productionNode],
  };
}

describe("the register cache", () => {
  it("gives the register the rows give: built from the store's whole columns, then read back from the cache, on two dates", async () => {
    const l = await openSqliteLedger({ path: join(dir, "a.db") });
    try {
      await l.load("drc", register(), { actor: "ana", recordedAt: "2025-07-01T00:00:00Z" });
      // A past knownAt reads the rows one at a time; what the store knows now, the cache.
      const rows = async (asOf: string) =>
        plain(await l.registerAt("drc", { asOf, knownAt: "2030-01-01T00:00:00Z" }));
      const built = plain(await l.registerAt("drc", { asOf: "2025-06-30" }));
      const cached = plain(await l.registerAt("drc", { asOf: "2025-06-30" }));
      expect(built).toEqual(await rows("2025-06-30"));
      expect(cached).toEqual(built);
      expect(plain(await l.registerAt("drc", { asOf: "2015-01-01" }))).toEqual(
        await rows("2015-01-01"),
      );
      expect(cached.entities.textAt.find((t) => t[0] === "Two\nlines")).toEqual([
        "Two\nlines",
        "company",
        null,
      ]);
      expect(cached.stakes.ids).toContain("kobold:cmoc");
      expect(cached.production.ids).toContain("tfm:copper:2024");
    } finally {
      await l.close();
    }
  });

  it("is built from the rows when a whole column is longer than SQLite gives in one string", async () => {
    const l = await openSqliteLedger({ path: join(dir, "toobig.db") });
    try {
      await l.load("drc", register(), { actor: "ana", recordedAt: "2025-07-01T00:00:00Z" });
      const rows = plain(
        await l.registerAt("drc", { asOf: "2025-06-30", knownAt: "2030-01-01T00:00:00Z" }),
      );
      // The whole columns' query stands for one over a register of some 500 million
      // characters: SQLite refuses it as it would (SQLITE_TOOBIG, "string or blob too big").
      const prepare = Database.prototype.prepare;
      const spy = vi.spyOn(Database.prototype, "prepare").mockImplementation(function (
        this: Database.Database,
        source: string,
      ) {
        // The same parameters, bound to nothing.
        const params = ", ?".repeat(source.split("?").length - 1);
        const tooBig = source.includes("json_group_array")
          ? `SELECT zeroblob(2000000000)${params}`
          : source;
        return prepare.call(this, tooBig);
      });
      try {
        expect(plain(await l.registerAt("drc", { asOf: "2025-06-30" }))).toEqual(rows);
        expect(spy.mock.calls.some(([q]) => String(q).includes("json_group_array"))).toBe(true);
      } finally {
        spy.mockRestore();
      }
      expect(plain(await l.registerAt("drc", { asOf: "2025-06-30" }))).toEqual(rows);
    } finally {
      await l.close();
    }
  });
});
