/**
 * The contract every store passes (after Hono's `common.case.test.ts`): the same tests, run by
 * `sqlite/sqlite-store.test.ts` and `postgres/postgres-store.test.ts` against real databases.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { loadDatasetDir, REFERENCE_DATA_DIR } from "../io/load-dataset.js";
import {
  type Dataset,
  datasetIssues,
  RECORD_KINDS,
  RECORD_SCHEMAS,
  type RecordKind,
} from "../model/dataset.js";
import { OrebookError } from "../model/errors.js";
import { worldFrom } from "../model/world.js";
import { largeDataset, parsedDataset, smallDataset } from "./_test-fixture.js";
import type { Ledger } from "./ledger.js";
import { LATEST_SCHEMA_VERSION } from "./migrations.js";

/** How a store's test file gives the suite its stores. */
export interface StoreHarness {
  /** A new, empty store; migrated unless `migrate: false`. */
  create(opts?: { migrate?: boolean; clock?: () => Date }): Promise<Ledger>;
  /** A second connection to the store `ledger` is open on. */
  reopen(ledger: Ledger): Promise<Ledger>;
  /** Runs raw SQL on that store (to build an older schema by hand). */
  exec(ledger: Ledger, sql: string): Promise<void>;
  /** Drops whatever the harness created. */
  cleanup(): Promise<void>;
}

const T1 = "2025-03-01T09:00:00.000Z";
const T2 = "2025-07-10T14:30:00.000Z";

async function rejection(p: Promise<unknown>): Promise<OrebookError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof OrebookError) return e;
    throw e;
  }
  throw new Error("Expected the promise to reject");
}

function withTonnes(ds: Dataset, tonnes: number, sources: string[]) {
  const p = ds.production[0];
  if (!p) throw new Error("fixture has no production");
  return { ...p, tonnes, sources };
}

/**
 * `registerAt` gives what the snapshot gives: the same nodes in the same order, the stakes in
 * force with their node indices and bounds, every production figure with its asset's index.
 */
async function expectRegisterLikeSnapshot(
  l: Ledger,
  datasetId: string,
  asOf: string,
  knownAt?: string,
): Promise<void> {
  const opts = knownAt === undefined ? { asOf } : { asOf, knownAt };
  const reg = await l.registerAt(datasetId, opts);
  const world = await l.snapshot(datasetId, opts);
  const ids = [...world.entities.keys(), ...world.assets.keys()] as string[];
  expect([...reg.entities.ids, ...reg.assets.ids]).toEqual(ids);
  expect(reg.entities.text1).toEqual([...world.entities.values()].map((e) => e.name));
  expect(reg.assets.text3).toEqual([...world.assets.values()].map((a) => a.country));
  const stakes = Array.from({ length: reg.stakes.count }, (_, i) => ({
    id: reg.stakes.ids[i],
    owner: ids[reg.stakeOwner[i] as number],
    owned: ids[reg.stakeOwned[i] as number],
    share: reg.share[i],
    min: reg.shareMin[i],
    max: reg.shareMax[i],
  }));
  expect(stakes).toEqual(
    world.stakes.map((s) => ({
      id: s.id,
      owner: s.owner,
      owned: s.owned,
      share: s.share,
      min: s.shareMin ?? s.share,
      max: s.shareMax ?? s.share,
    })),
  );
  const production = Array.from({ length: reg.production.count }, (_, i) => ({
    id: reg.production.ids[i],
    asset: (reg.productionNode[i] as number) < 0 ? undefined : ids[reg.productionNode[i] as number],
    commodity: reg.production.text2[i],
    period: reg.production.text3[i],
    tonnes: Number.isNaN(reg.production.num1[i] as number) ? null : reg.production.num1[i],
  }));
  expect(production).toEqual(
    world.production.map((p) => ({
      id: p.id,
      asset: p.asset,
      commodity: p.asset === undefined ? null : p.commodity,
      period: p.asset === undefined ? null : p.period,
      tonnes: p.asset === undefined ? null : p.tonnes,
    })),
  );
}

export function ledgerContract(name: string, harness: () => StoreHarness | undefined): void {
  describe(`Ledger contract: ${name}`, () => {
    const open: Ledger[] = [];
    const create = async (opts?: { migrate?: boolean; clock?: () => Date }) => {
      const h = harness();
      if (!h) throw new Error("no harness");
      const l = await h.create(opts);
      open.push(l);
      return l;
    };
    const reopen = async (l: Ledger) => {
      const h = harness();
      if (!h) throw new Error("no harness");
      const other = await h.reopen(l);
      open.push(other);
      return other;
    };
    afterEach(async () => {
      for (const l of open.splice(0)) await l.close();
    });
    afterAll(async () => {
      await harness()?.cleanup();
    });

    it("migrate() builds the latest schema on an empty store, and again does nothing", async () => {
      const l = await create({ migrate: false });
      expect(await l.schemaVersion()).toBe(0);
      expect(await l.migrate()).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION });
      expect(await l.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      expect(await l.migrate()).toEqual({
        from: LATEST_SCHEMA_VERSION,
        to: LATEST_SCHEMA_VERSION,
      });
    });

    it("migrate() upgrades a version-1 store in place, keeping its records", async () => {
      const l = await create({ migrate: false });
      await l.migrate({ to: 1 });
      expect(await l.schemaVersion()).toBe(1);
      const body = JSON.stringify({
        id: "src-old",
        title: "Written by schema 1",
        kind: "reference",
        confidence: "high",
      });
      await harness()?.exec(
        l,
        `INSERT INTO datasets (dataset_id, created_at, created_by, updated_at)
           VALUES ('old', '${T1}', 'v1', '${T1}');
         INSERT INTO records (dataset_id, kind, record_id, version, ordinal, valid_from, valid_to,
           recorded_at, recorded_by, source_ids, deleted, body)
           VALUES ('old', 'sources', 'src-old', 1, 0, NULL, NULL, '${T1}', 'v1', '["src-old"]', 0,
           '${body}')`,
      );
      expect(await l.migrate()).toEqual({ from: 1, to: LATEST_SCHEMA_VERSION });
      const v = await l.get("old", "sources", "src-old");
      expect(v).toMatchObject({ version: 1, recordedBy: "v1", note: null, deleted: false });
      expect(v?.record).toEqual(JSON.parse(body));
      expect((await l.datasetAt("old")).sources).toEqual([JSON.parse(body)]);
    });

    it("migrate() flags the current versions of a version-2 store: corrections and tombstones", async () => {
      const l = await create({ migrate: false });
      await l.migrate({ to: 2 });
      const src = (id: string, title: string) =>
        JSON.stringify({ id, title, kind: "reference", confidence: "high" });
      const row = (id: string, v: number, ord: number, at: string, body: string | null) =>
        `('old', 'sources', '${id}', ${v}, ${ord}, NULL, NULL, '${at}', 'v2', '["${id}"]', ${
          body === null ? 1 : 0
        }, ${body === null ? "NULL" : `'${body}'`}, NULL)`;
      await harness()?.exec(
        l,
        `INSERT INTO datasets (dataset_id, created_at, created_by, updated_at)
           VALUES ('old', '${T1}', 'v2', '${T2}');
         INSERT INTO records (dataset_id, kind, record_id, version, ordinal, valid_from, valid_to,
           recorded_at, recorded_by, source_ids, deleted, body, change_note) VALUES
           ${row("src-b", 1, 0, T1, src("src-b", "B first"))},
           ${row("src-b", 2, 0, T2, src("src-b", "B corrected"))},
           ${row("src-a", 1, 1, T1, src("src-a", "A"))},
           ${row("src-gone", 1, 2, T1, src("src-gone", "Gone"))},
           ${row("src-gone", 2, 2, T2, null)}`,
      );
      expect(await l.migrate()).toEqual({ from: 2, to: LATEST_SCHEMA_VERSION });
      const titles = async (knownAt?: string) =>
        (await l.datasetAt("old", knownAt === undefined ? {} : { knownAt })).sources.map(
          (s) => s.title,
        );
      expect(await titles()).toEqual(["B corrected", "A"]);
      expect(await titles(T1)).toEqual(["B first", "A", "Gone"]);
      // Writes after the upgrade move the flag on.
      await l.put(
        "old",
        "sources",
        { id: "src-a", title: "A corrected", kind: "reference", confidence: "high" },
        { actor: "ana", expectedVersion: 1 },
      );
      await l.remove("old", "sources", "src-b", { actor: "ana", expectedVersion: 2 });
      expect(await titles()).toEqual(["A corrected"]);
      await l.load(
        "old",
        {
          sources: [{ id: "src-gone", title: "Back", kind: "reference", confidence: "high" }],
        } as unknown as Partial<Dataset>,
        { actor: "ana" },
      );
      expect(await titles()).toEqual(["A corrected", "Back"]);
    });

    it("migrate() lifts the first fields of a version-3 store's records into columns, in place and back", async () => {
      const l = await create({ migrate: false });
      await l.migrate({ to: 3 });
      const ds = parsedDataset(smallDataset());
      const split = {
        id: "tfm-kfm-copper-2024",
        split: [
          { asset: "tfm", weight: 2 },
          { asset: "tfm", weight: 1 },
        ],
        splitBasis: "ore milled",
        commodity: "copper",
        period: "2024",
        tonnes: null,
        basis: "estimate",
        sources: ["src-press-2025"],
        asOf: "2025",
      };
      ds.production.push(split as unknown as Dataset["production"][0]);
      const values: string[] = [];
      for (const kind of ["sources", "entities", "assets", "stakes", "production"] as const)
        for (const [i, r] of (ds[kind] as unknown as Record<string, unknown>[]).entries()) {
          const from = typeof r.validFrom === "string" ? `'${r.validFrom}'` : "NULL";
          const sources = JSON.stringify(kind === "sources" ? [r.id] : r.sources);
          values.push(
            `('old', '${kind}', '${String(r.id)}', 1, ${i}, ${from}, NULL, '${T1}', 'v3', '${sources}', 0, '${JSON.stringify(r)}', NULL, 1)`,
          );
        }
      await harness()?.exec(
        l,
        `INSERT INTO datasets (dataset_id, created_at, created_by, updated_at)
           VALUES ('old', '${T1}', 'v3', '${T1}');
         INSERT INTO records (dataset_id, kind, record_id, version, ordinal, valid_from, valid_to,
           recorded_at, recorded_by, source_ids, deleted, body, change_note, is_current)
           VALUES ${values.join(",\n")}`,
      );
      expect(await l.migrate()).toEqual({ from: 3, to: LATEST_SCHEMA_VERSION });
      const check = async () => {
        const after = await l.datasetAt("old");
        expect(after).toEqual(ds);
        // Keys in the order they were written, as the schemas output them.
        for (const kind of ["entities", "assets", "stakes", "production"] as const)
          expect(after[kind].map((r) => JSON.stringify(r))).toEqual(
            ds[kind].map((r) => JSON.stringify(r)),
          );
        expect(await l.snapshot("old", { asOf: "2025-06-30" })).toEqual(
          worldFrom(ds, "2025-06-30"),
        );
        expect((await l.get("old", "stakes", "cmoc-tfm"))?.record).toEqual(ds.stakes[0]);
        expect((await l.datasetAt("old", { knownAt: T2 })).production).toEqual(ds.production);
        await expectRegisterLikeSnapshot(l, "old", "2025-06-30");
        await expectRegisterLikeSnapshot(l, "old", "2015-01-01", T2);
      };
      await check();
      // The same records loaded again are found identical.
      const same = await l.load("old", ds, { actor: "ana", recordedAt: T2 });
      expect(same).toMatchObject({ writtenTotal: 0, unchanged: 10 });
      await l.migrate({ to: 3 });
      expect(await l.schemaVersion()).toBe(3);
      expect(await l.migrate()).toEqual({ from: 3, to: LATEST_SCHEMA_VERSION });
      await check();
    });

    it("load() writes a dataset, and snapshot() equals worldFrom of it", async () => {
      const l = await create();
      expect(await l.isEmpty("drc")).toBe(true);
      const result = await l.load("drc", smallDataset(), { actor: "ana", recordedAt: T1 });
      expect(result).toEqual({
        datasetId: "drc",
        written: { sources: 2, entities: 3, assets: 1, stakes: 2, production: 1 },
        writtenTotal: 9,
        unchanged: 0,
        recordedAt: T1,
      });
      expect(await l.isEmpty("drc")).toBe(false);
      const expected = parsedDataset(smallDataset());
      expect(await l.datasetAt("drc")).toEqual(expected);
      expect(await l.snapshot("drc", { asOf: "2025-06-30" })).toEqual(
        worldFrom(expected, "2025-06-30"),
      );
      // Before the stake's validFrom the world has only the undated stake.
      const early = await l.snapshot("drc", { asOf: "2015-01-01" });
      expect(early.stakes.map((s) => s.id)).toEqual(["gecamines-tfm"]);
      await expectRegisterLikeSnapshot(l, "drc", "2025-06-30");
      await expectRegisterLikeSnapshot(l, "drc", "2015-01-01");
      expect((await l.registerAt("drc", { asOf: "2015-01-01" })).stakes.ids).toEqual([
        "gecamines-tfm",
      ]);
    });

    it("registerAt() reads the register the first read cached, until a write from any connection moves the revision", async () => {
      const l = await create();
      expect((await l.registerAt("drc", { asOf: "2025-06-30" })).entities.count).toBe(0);
      await l.load("drc", smallDataset(), { actor: "ana", recordedAt: T1 });
      const first = await l.registerAt("drc", { asOf: "2025-06-30" });
      const again = await l.registerAt("drc", { asOf: "2025-06-30" });
      expect(again).toEqual(first);
      // The cache holds every stake: another date filters them as the rows would.
      await expectRegisterLikeSnapshot(l, "drc", "2015-01-01");
      const other = await reopen(l);
      await other.put(
        "drc",
        "production",
        withTonnes(smallDataset(), 114_165, ["src-press-2025"]),
        {
          expectedVersion: 1,
          actor: "ben",
          recordedAt: T2,
        },
      );
      expect((await l.registerAt("drc", { asOf: "2025-06-30" })).production.num1[0]).toBe(114_165);
      await expectRegisterLikeSnapshot(l, "drc", "2025-06-30");
      await expectRegisterLikeSnapshot(other, "drc", "2025-06-30");
    });

    it("registerAt() reads what the store knew at knownAt: corrections, tombstones, new records", async () => {
      const l = await create();
      await l.load("drc", smallDataset(), { actor: "ana", recordedAt: T1 });
      await l.put("drc", "production", withTonnes(smallDataset(), 114_165, ["src-press-2025"]), {
        expectedVersion: 1,
        actor: "ben",
        recordedAt: T2,
      });
      await l.remove("drc", "stakes", "gecamines-tfm", {
        expectedVersion: 1,
        actor: "ben",
        recordedAt: T2,
      });
      const ds = smallDataset();
      const stake = { ...(ds.stakes[0] as object), id: "kobold-tfm", owner: "kobold", share: 0.05 };
      await l.put("drc", "stakes", stake, { expectedVersion: 0, actor: "ben", recordedAt: T2 });
      for (const knownAt of [undefined, "2025-03-01", "2025-07-10", "2025-07-10T14:29:59.999Z"])
        await expectRegisterLikeSnapshot(l, "drc", "2025-06-30", knownAt);
      const before = await l.registerAt("drc", { asOf: "2025-06-30", knownAt: "2025-07-09" });
      const after = await l.registerAt("drc", { asOf: "2025-06-30" });
      expect(before.stakes.ids).toEqual(["cmoc-tfm", "gecamines-tfm"]);
      expect(after.stakes.ids).toEqual(["cmoc-tfm", "kobold-tfm"]);
      expect([before.production.num1[0], after.production.num1[0]]).toEqual([100_000, 114_165]);
      expect(
        (await l.registerAt("drc", { asOf: "2025-06-30", knownAt: "2025-02-28" })).entities.count,
      ).toBe(0);
    });

    it("load() with a bad record in the middle writes nothing and names kind, id and field", async () => {
      const l = await create();
      const ds = largeDataset(100);
      (ds.stakes[50] as { share: number }).share = 1.5;
      const e = await rejection(l.load("drc", ds, { actor: "ana", recordedAt: T1 }));
      expect(e.code).toBe("INVALID_DATA");
      expect(e.message).toBe(
        "Nothing was written to dataset drc: 1 problem, the first: stakes ch-25 share: A share must be ≤ 1 (a fraction, not a percentage)",
      );
      expect(e.issues).toEqual([
        {
          record: "stakes ch-25",
          path: ["share"],
          message: "A share must be ≤ 1 (a fraction, not a percentage)",
        },
      ]);
      expect(await l.isEmpty("drc")).toBe(true);
      expect(await l.datasets()).toEqual([]);
    });

    it("load() of one id twice writes nothing and names the duplicate, not a conflict", async () => {
      const l = await create();
      const ds = smallDataset();
      ds.stakes.push({ ...(ds.stakes[1] as Dataset["stakes"][0]), share: 0.1 });
      const e = await rejection(l.load("drc", ds, { actor: "ana", recordedAt: T1 }));
      expect(e.code).toBe("INVALID_DATA");
      expect(e.issues.map((i) => `${i.record} ${i.message}`)).toContain(
        "stakes gecamines-tfm Duplicate id gecamines-tfm in stakes",
      );
      expect(await l.isEmpty("drc")).toBe(true);
    });

    it("load() with a broken reference writes nothing and lists every problem", async () => {
      const l = await create();
      const ds = smallDataset();
      (ds.stakes[0] as { owner: string }).owner = "nobody";
      (ds.production[0] as { sources: string[] }).sources = ["src-missing"];
      const e = await rejection(l.load("drc", ds, { actor: "ana", recordedAt: T1 }));
      expect(e.code).toBe("INVALID_DATA");
      expect(e.issues).toEqual([
        {
          record: "production tfm-cobalt-2024",
          path: ["sources", 0],
          message: "Unknown source src-missing: add it to sources",
        },
        {
          record: "stakes cmoc-tfm",
          path: ["owner"],
          message: "Unknown entity nobody: owners must be entities",
        },
      ]);
      expect(await l.isEmpty("drc")).toBe(true);
    });

    it("load() with a bad record after thousands of good ones, already written, writes nothing", async () => {
      const l = await create();
      const ds = largeDataset(3_000);
      // The last record: every batch before it has gone to the store inside the transaction.
      (ds.production.at(-1) as { tonnes: number }).tonnes = -1;
      const e = await rejection(l.load("drc", ds, { actor: "ana", recordedAt: T1 }));
      expect(e.code).toBe("INVALID_DATA");
      expect(e.issues).toEqual([
        { record: "production p-2999", path: ["tonnes"], message: expect.any(String) },
      ]);
      expect(await l.isEmpty("drc")).toBe(true);
      expect(await l.datasets()).toEqual([]);
    });

    it("load() finds a stake over 100% and an unknown owner after thousands of records", async () => {
      const l = await create();
      const ds = largeDataset(3_000);
      const last = ds.stakes.at(-1) as Dataset["stakes"][0];
      ds.stakes.push(
        { ...last, id: "extra", owner: "co-7" } as Dataset["stakes"][0],
        {
          ...last,
          id: "orphan",
          owner: "nobody",
          owned: "mine-9",
          share: 0.1,
        } as Dataset["stakes"][0],
      );
      const e = await rejection(l.load("drc", ds, { actor: "ana", recordedAt: T1 }));
      expect(e.code).toBe("INVALID_DATA");
      expect(e.issues).toEqual([
        {
          record: "stakes orphan",
          path: ["owner"],
          message: "Unknown entity nobody: owners must be entities",
        },
        {
          record: "stakes orphan",
          path: ["share"],
          message: "Stakes in mine-9 add up to 110.00%, more than 100% (st-9, orphan)",
        },
        {
          record: "stakes extra",
          path: ["share"],
          message: "Stakes in co-2999 add up to 120.00%, more than 100% (ch-2999, extra)",
        },
      ]);
      expect(await l.isEmpty("drc")).toBe(true);
    });

    it("load() again checks shares with the stored stakes: over 100% writes nothing", async () => {
      const l = await create();
      await l.load("drc", smallDataset(), { actor: "ana", recordedAt: T1 });
      const ds = smallDataset();
      // kobold takes 10% of tfm, still held 80% + 20%.
      const stake = { ...(ds.stakes[1] as Dataset["stakes"][0]), id: "kobold-tfm" };
      const e = await rejection(
        l.load(
          "drc",
          { stakes: [{ ...stake, owner: "kobold", share: 0.1 } as Dataset["stakes"][0]] },
          { actor: "ben", recordedAt: T2 },
        ),
      );
      expect(e.issues).toEqual([
        {
          record: "stakes kobold-tfm",
          path: ["share"],
          message:
            "Stakes in tfm add up to 110.00%, more than 100% on 2016-11-17 (cmoc-tfm, gecamines-tfm, kobold-tfm)",
        },
      ]);
      expect((await l.datasetAt("drc")).stakes).toHaveLength(2);
      // The same stake with Gécamines down to 10% in the same load passes.
      const r = await l.load(
        "drc",
        {
          stakes: [
            { ...(ds.stakes[1] as Dataset["stakes"][0]), share: 0.1 },
            { ...stake, owner: "kobold", share: 0.1 } as Dataset["stakes"][0],
          ],
        },
        { actor: "ben", recordedAt: T2 },
      );
      expect(r).toMatchObject({ written: { stakes: 2 }, unchanged: 0 });
    });

    it("load() that fails halfway through writing leaves nothing behind", async () => {
      const l = await create();
      const ds = largeDataset(4_000);
      const e = await l
        .load("drc", ds, {
          actor: "ana",
          recordedAt: T1,
          onProgress: (done) => {
            if (done > 6_000) throw new Error("disk full (simulated)");
          },
        })
        .catch((x: unknown) => x);
      expect(e).toBeInstanceOf(Error);
      expect((e as Error).message).toBe("disk full (simulated)");
      expect(await l.isEmpty("drc")).toBe(true);
      expect(await l.datasets()).toEqual([]);
    });

    it("load() again skips identical records and versions the changed ones", async () => {
      const l = await create();
      await l.load("drc", smallDataset(), { actor: "ana", recordedAt: T1 });
      const ds = smallDataset();
      ds.production[0] = withTonnes(ds, 114_165, ["src-press-2025"]) as Dataset["production"][0];
      const r = await l.load("drc", ds, { actor: "ben", recordedAt: T2 });
      expect(r).toMatchObject({ written: { production: 1 }, writtenTotal: 1, unchanged: 8 });
      const h = await l.history("drc", "tfm-cobalt-2024");
      expect(h.map((v) => [v.version, v.recordedBy, v.record?.tonnes])).toEqual([
        [1, "ana", 100_000],
        [2, "ben", 114_165],
      ]);
    });

    it("load() that writes nothing leaves the dataset's revision (updatedAt) where it was", async () => {
      const l = await create();
      await l.load("drc", smallDataset(), { actor: "ana", recordedAt: T1 });
      const before = (await l.datasets()).find((d) => d.id === "drc")?.updatedAt;
      const r = await l.load("drc", smallDataset(), { actor: "ben", recordedAt: T2 });
      expect(r.writtenTotal).toBe(0);
      expect((await l.datasets()).find((d) => d.id === "drc")?.updatedAt).toBe(before);
      const ds = smallDataset();
      ds.production[0] = withTonnes(ds, 114_165, ["src-press-2025"]) as Dataset["production"][0];
      await l.load("drc", ds, { actor: "ben", recordedAt: T2 });
      expect((await l.datasets()).find((d) => d.id === "drc")?.updatedAt).toBe(T2);
    });

    it("load() with a base revision refuses to overwrite a record changed since, listing it, and writes nothing", async () => {
      const l = await create();
      await l.load("drc", smallDataset(), { actor: "ana", recordedAt: T1 });
      const base = (await l.datasets()).find((d) => d.id === "drc")?.updatedAt as string;
      // Someone corrects the figure after the copy was read...
      const ds = smallDataset();
      await l.put("drc", "production", withTonnes(ds, 114_165, ["src-press-2025"]), {
        expectedVersion: 1,
        actor: "ben",
        recordedAt: T2,
      });
      // ... and the stale copy, with another change, comes back.
      const stale = smallDataset();
      stale.entities[0] = { ...(stale.entities[0] as Dataset["entities"][0]), name: "Renamed" };
      const e = await rejection(
        l.load("drc", stale, { actor: "cy", recordedAt: "2025-08-01T00:00:00.000Z", base }),
      );
      expect(e.code).toBe("CONFLICT");
      expect(e.message).toContain(`1 record changed since revision ${base}`);
      expect(e.issues).toEqual([
        {
          record: "production tfm-cobalt-2024",
          path: [],
          message: `changed since revision ${base}: version 2, recorded ${T2}`,
        },
      ]);
      expect((await l.get("drc", "production", "tfm-cobalt-2024"))?.record?.tonnes).toBe(114_165);
      expect((await l.datasetAt("drc")).entities[0]?.name).not.toBe("Renamed");
      // Read again at the current revision, the same change goes in; the correction stays.
      const now = (await l.datasets()).find((d) => d.id === "drc")?.updatedAt as string;
      const fresh = await l.datasetAt("drc");
      fresh.entities[0] = { ...(fresh.entities[0] as Dataset["entities"][0]), name: "Renamed" };
      const r = await l.load("drc", fresh, {
        actor: "cy",
        recordedAt: "2025-08-01T00:00:00.000Z",
        base: now,
      });
      expect(r).toMatchObject({ writtenTotal: 1, written: { entities: 1 } });
      expect((await l.get("drc", "production", "tfm-cobalt-2024"))?.record?.tonnes).toBe(114_165);
    });

    it("load() with a null base adds new records but refuses to change existing ones", async () => {
      const l = await create();
      const first = await l.load("drc", smallDataset(), {
        actor: "ana",
        recordedAt: T1,
        base: null,
      });
      expect(first.writtenTotal).toBeGreaterThan(0);
      const ds = smallDataset();
      ds.production[0] = withTonnes(ds, 1, ["src-press-2025"]) as Dataset["production"][0];
      const e = await rejection(l.load("drc", ds, { actor: "ben", recordedAt: T2, base: null }));
      expect(e.code).toBe("PRECONDITION_REQUIRED");
      expect(e.issues.map((i) => i.record)).toEqual(["production tfm-cobalt-2024"]);
      expect((await l.get("drc", "production", "tfm-cobalt-2024"))?.version).toBe(1);
      // Identical records are not changes: loading the same copy again needs no base.
      expect((await l.load("drc", smallDataset(), { actor: "ben", base: null })).writtenTotal).toBe(
        0,
      );
      const bad = await rejection(l.load("drc", ds, { actor: "ben", base: "yesterday" }));
      expect(bad.code).toBe("BAD_INPUT");
    });

    it("put() writes a new version; a second writer with the same version gets CONFLICT", async () => {
      const a = await create();
      await a.load("drc", smallDataset(), { actor: "ana", recordedAt: T1 });
      const b = await reopen(a);
      const readByA = await a.get("drc", "production", "tfm-cobalt-2024");
      const readByB = await b.get("drc", "production", "tfm-cobalt-2024");
      expect(readByA?.version).toBe(1);
      expect(readByB?.version).toBe(1);
      const ds = smallDataset();
      const v2 = await a.put("drc", "production", withTonnes(ds, 110_000, ["src-press-2025"]), {
        expectedVersion: 1,
        actor: "ana",
        recordedAt: T2,
      });
      expect(v2).toMatchObject({ version: 2, recordedBy: "ana", sources: ["src-press-2025"] });
      const e = await rejection(
        b.put("drc", "production", withTonnes(ds, 90_000, ["src-annual-2024"]), {
          expectedVersion: 1,
          actor: "ben",
          recordedAt: T2,
        }),
      );
      expect(e.code).toBe("CONFLICT");
      expect(e.message).toBe(
        "Record production tfm-cobalt-2024 is at version 2, not 1: someone else wrote it since, read it again and retry",
      );
      expect((await b.get("drc", "production", "tfm-cobalt-2024"))?.record?.tonnes).toBe(110_000);
    });

    it("put() from two writers at once: exactly one wins, the other gets CONFLICT", async () => {
      const a = await create();
      await a.load("drc", smallDataset(), { actor: "ana", recordedAt: T1 });
      const b = await reopen(a);
      const ds = smallDataset();
      const results = await Promise.allSettled([
        a.put("drc", "production", withTonnes(ds, 1, ["src-press-2025"]), {
          expectedVersion: 1,
          actor: "ana",
          recordedAt: T2,
        }),
        b.put("drc", "production", withTonnes(ds, 2, ["src-press-2025"]), {
          expectedVersion: 1,
          actor: "ben",
          recordedAt: T2,
        }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const lost = results.find((r) => r.status === "rejected");
      expect((lost as PromiseRejectedResult).reason).toBeInstanceOf(OrebookError);
      expect(((lost as PromiseRejectedResult).reason as OrebookError).code).toBe("CONFLICT");
      expect(await a.history("drc", "tfm-cobalt-2024")).toHaveLength(2);
    });

    it("put() of a new record needs expectedVersion 0, and refuses a broken reference", async () => {
      const l = await create();
      await l.load("drc", smallDataset(), { actor: "ana", recordedAt: T1 });
      const stake = {
        id: "kobold-tfm",
        owner: "kobold",
        owned: "cmoc",
        share: 0.05,
        sources: ["src-press-2025"],
        asOf: "2025-07",
      };
      const v = await l.put("drc", "stakes", stake, { expectedVersion: 0, actor: "ana" });
      expect(v.version).toBe(1);
      const again = await rejection(
        l.put("drc", "stakes", stake, { expectedVersion: 0, actor: "ana" }),
      );
      expect(again.code).toBe("CONFLICT");
      const bad = await rejection(
        l.put(
          "drc",
          "stakes",
          { ...stake, id: "ghost-tfm", owner: "ghost" },
          { expectedVersion: 0, actor: "ana" },
        ),
      );
      expect(bad.code).toBe("INVALID_DATA");
      expect(bad.issues).toEqual([
        {
          record: "stakes ghost-tfm",
          path: ["owner"],
          message: "Unknown entity ghost: owners must be entities",
        },
      ]);
      const wrongShape = await rejection(
        l.put("drc", "stakes", { ...stake, share: 5 }, { expectedVersion: 1, actor: "ana" }),
      );
      expect(wrongShape.message).toBe(
        "Nothing was written to dataset drc: 1 problem, the first: stakes kobold-tfm share: A share must be ≤ 1 (a fraction, not a percentage)",
      );
      // The new stake comes after the loaded ones.
      expect((await l.datasetAt("drc")).stakes.map((s) => s.id)).toEqual([
        "cmoc-tfm",
        "gecamines-tfm",
        "kobold-tfm",
      ]);
    });

    it("put() checks shares with the node's stored stakes: over 100% is refused as before", async () => {
      const l = await create();
      await l.load("drc", smallDataset(), { actor: "ana", recordedAt: T1 });
      const stake = {
        id: "kobold-tfm",
        owner: "kobold",
        owned: "tfm",
        share: 0.1,
        sources: ["src-press-2025"],
        asOf: "2025-07",
      };
      const over = await rejection(
        l.put("drc", "stakes", stake, { expectedVersion: 0, actor: "ana" }),
      );
      expect(over.code).toBe("INVALID_DATA");
      expect(over.message).toBe(
        "Nothing was written to dataset drc: 1 problem, the first: stakes kobold-tfm share: Stakes in tfm add up to 110.00%, more than 100% on 2016-11-17 (cmoc-tfm, gecamines-tfm, kobold-tfm)",
      );
      // From 2026 on only: over on that day, named with the day.
      const dated = await rejection(
        l.put(
          "drc",
          "stakes",
          { ...stake, validFrom: "2026-01-01" },
          { expectedVersion: 0, actor: "ana" },
        ),
      );
      expect(dated.issues.map((i) => i.message)).toEqual([
        "Stakes in tfm add up to 110.00%, more than 100% on 2026-01-01 (cmoc-tfm, gecamines-tfm, kobold-tfm)",
      ]);
      // Lowering a stored stake first makes room; replacing a stake counts it once.
      const low = await l.put(
        "drc",
        "stakes",
        { ...(parsedDataset(smallDataset()).stakes[1] as object), share: 0.1 },
        { expectedVersion: 1, actor: "ana" },
      );
      expect(low.version).toBe(2);
      await l.put("drc", "stakes", stake, { expectedVersion: 0, actor: "ana" });
      await l.put("drc", "stakes", stake, { expectedVersion: 1, actor: "ana" });
      const unknownOwner = await rejection(
        l.put(
          "drc",
          "stakes",
          { ...stake, id: "ghost-tfm", owner: "ghost", owned: "nowhere" },
          { expectedVersion: 0, actor: "ana" },
        ),
      );
      expect(unknownOwner.message).toBe(
        "Nothing was written to dataset drc: 2 problems, the first: stakes ghost-tfm owner: Unknown entity ghost: owners must be entities",
      );
      expect(unknownOwner.issues[1]?.message).toBe("Unknown entity or asset nowhere");
      expect((await l.datasetAt("drc")).stakes.map((s) => [s.id, s.share])).toEqual([
        ["cmoc-tfm", 0.8],
        ["gecamines-tfm", 0.1],
        ["kobold-tfm", 0.1],
      ]);
    });

    it("remove() of a record others still name is refused as before, naming each of them", async () => {
      const l = await create();
      await l.load("drc", smallDataset(), { actor: "ana", recordedAt: T1 });
      const e = await rejection(
        l.remove("drc", "entities", "cmoc", { expectedVersion: 1, actor: "ana" }),
      );
      expect(e.code).toBe("INVALID_DATA");
      expect(e.message).toBe(
        "Nothing was written to dataset drc: 2 problems, the first: stakes cmoc-tfm owner: Unknown entity cmoc: owners must be entities",
      );
      expect(e.issues[1]).toEqual({
        record: "assets tfm",
        path: ["operator"],
        message: "Unknown entity cmoc",
      });
      const src = await rejection(
        l.remove("drc", "sources", "src-press-2025", { expectedVersion: 1, actor: "ana" }),
      );
      expect(src.issues).toEqual([
        {
          record: "entities kobold",
          path: ["sources", 0],
          message: "Unknown source src-press-2025: add it to sources",
        },
      ]);
      // Once nothing names it, it goes.
      await l.remove("drc", "entities", "kobold", { expectedVersion: 1, actor: "ana" });
      await l.remove("drc", "sources", "src-press-2025", { expectedVersion: 1, actor: "ana" });
      expect((await l.datasetAt("drc")).sources.map((x) => x.id)).toEqual(["src-annual-2024"]);
    });

    it("put() and remove() find exactly what datasetIssues finds on the whole dataset after them", async () => {
      const l = await create();
      const { dataset } = loadDatasetDir(REFERENCE_DATA_DIR);
      await l.load("ref", dataset, { actor: "ana", recordedAt: T1 });
      const base = await l.datasetAt("ref");
      const opts = (v: number) => ({ expectedVersion: v, actor: "ana" });
      type Rec = Record<string, unknown> & { id: string };
      const list = (ds: Dataset, k: RecordKind) => ds[k] as unknown as Rec[];
      /** The write must fail with datasetIssues(after), or succeed when that is empty. */
      const agrees = async (
        after: Dataset,
        write: () => Promise<unknown>,
        undo: () => Promise<unknown>,
      ) => {
        const expected = datasetIssues(after);
        if (expected.length === 0) {
          await write();
          await undo();
          return 0;
        }
        const e = await rejection(write());
        expect(e.code).toBe("INVALID_DATA");
        expect(e.issues).toEqual(expected);
        return 1;
      };
      let refused = 0;
      let tried = 0;
      // Removing each record others may name (every third source).
      for (const kind of ["sources", "entities", "assets", "routeNodes", "stockpiles"] as const)
        for (const [i, r] of list(base, kind).entries()) {
          if (kind === "sources" && i % 3 !== 0) continue;
          const after = { ...base, [kind]: list(base, kind).filter((x) => x.id !== r.id) };
          const v = (await l.get("ref", kind, r.id))?.version ?? 0;
          tried++;
          refused += await agrees(
            after as Dataset,
            () => l.remove("ref", kind, r.id, opts(v)),
            () => l.put("ref", kind, r, opts(v + 1)),
          );
        }
      // Changing stakes: a larger share, another owner or owned node, from a later day on.
      const ids = [...list(base, "entities"), ...list(base, "assets")].map((x) => x.id);
      for (const [i, s] of list(base, "stakes").entries()) {
        const changes: Rec[] = [
          // (Without a range the larger share would have to lie in.)
          { ...s, share: Math.min(1, (s.share as number) + 0.35), shareMin: 0, shareMax: 1 },
          { ...s, owner: ids[(i * 7) % ids.length] as string },
          {
            ...s,
            owned: ids[(i * 11) % ids.length] as string,
            ...(s.validTo === undefined ? { validFrom: "2024-01-01" } : {}),
          },
          { ...s, id: `new-${s.id}`, share: 0.5, shareMin: 0, shareMax: 1 },
        ];
        for (const c of changes) {
          // (Only the cross-reference check is compared: changes its schema refuses are skipped.)
          if (!RECORD_SCHEMAS.stakes.safeParse(c).success) continue;
          const replaced = list(base, "stakes").some((x) => x.id === c.id);
          const stakes = replaced
            ? list(base, "stakes").map((x) => (x.id === c.id ? c : x))
            : [...list(base, "stakes"), c];
          const v = (await l.get("ref", "stakes", c.id))?.version ?? 0;
          tried++;
          refused += await agrees(
            { ...base, stakes } as unknown as Dataset,
            () => l.put("ref", "stakes", c, opts(v)),
            () =>
              replaced
                ? l.put("ref", "stakes", s, opts(v + 1))
                : l.remove("ref", "stakes", c.id, opts(v + 1)),
          );
        }
      }
      // Both refusals and successes were seen; the store ends as it began.
      expect(refused).toBeGreaterThan(50);
      expect(tried - refused).toBeGreaterThan(50);
      const end = await l.datasetAt("ref");
      for (const kind of RECORD_KINDS)
        expect(list(end, kind).map((x) => x.id)).toEqual(list(base, kind).map((x) => x.id));
      // Hundreds of writes, each its own transaction: a shared, busy database server needs
      // more than the default minute.
    }, 180_000);

    it("history() lists every version with its sources, actor, time and note", async () => {
      const l = await create();
      await l.load("drc", smallDataset(), { actor: "ana", recordedAt: T1, note: "first load" });
      const ds = smallDataset();
      await l.put("drc", "production", withTonnes(ds, 114_165, ["src-press-2025"]), {
        expectedVersion: 1,
        actor: "ben",
        recordedAt: T2,
        note: "CMOC restated 2024",
      });
      const h = await l.history("drc", "tfm-cobalt-2024", { kind: "production" });
      expect(
        h.map(({ version, recordedAt, recordedBy, sources, note, deleted }) => ({
          version,
          recordedAt,
          recordedBy,
          sources,
          note,
          deleted,
        })),
      ).toEqual([
        {
          version: 1,
          recordedAt: T1,
          recordedBy: "ana",
          sources: ["src-annual-2024"],
          note: "first load",
          deleted: false,
        },
        {
          version: 2,
          recordedAt: T2,
          recordedBy: "ben",
          sources: ["src-press-2025"],
          note: "CMOC restated 2024",
          deleted: false,
        },
      ]);
      const stake = (await l.history("drc", "cmoc-tfm"))[0];
      expect(stake).toMatchObject({ kind: "stakes", validFrom: "2016-11-17", validTo: null });
      expect(await l.history("drc", "nothing-by-this-id")).toEqual([]);
    });

    it("knownAt before a correction gives the old figure, after it the new", async () => {
      const l = await create();
      await l.load("drc", smallDataset(), { actor: "ana", recordedAt: T1 });
      await l.put("drc", "production", withTonnes(smallDataset(), 114_165, ["src-press-2025"]), {
        expectedVersion: 1,
        actor: "ben",
        recordedAt: T2,
      });
      const tonnes = async (knownAt?: string) => {
        const w = await l.snapshot(
          "drc",
          knownAt === undefined ? { asOf: "2025-06-30" } : { asOf: "2025-06-30", knownAt },
        );
        return w.production[0]?.tonnes;
      };
      expect(await tonnes("2025-06-30")).toBe(100_000);
      expect(await tonnes("2025-07-09")).toBe(100_000);
      expect(await tonnes("2025-07-10")).toBe(114_165);
      expect(await tonnes("2025-07-10T14:29:59.999Z")).toBe(100_000);
      expect(await tonnes()).toBe(114_165);
      expect((await l.datasetAt("drc", { knownAt: "2025-02-28" })).production).toEqual([]);
      expect(
        (await l.get("drc", "production", "tfm-cobalt-2024", { knownAt: "2025-07-01" }))?.version,
      ).toBe(1);
      const bad = await rejection(l.snapshot("drc", { asOf: "2025-06-30", knownAt: "June" }));
      expect(bad.message).toBe(
        "Known-at June is not a date or timestamp: expected YYYY-MM-DD or an ISO timestamp",
      );
    });

    it("remove() writes a tombstone: gone from the snapshot, kept in history", async () => {
      const l = await create();
      await l.load("drc", smallDataset(), { actor: "ana", recordedAt: T1 });
      const e = await rejection(
        l.remove("drc", "entities", "cmoc", { expectedVersion: 1, actor: "ana", recordedAt: T2 }),
      );
      expect(e.code).toBe("INVALID_DATA");
      const t = await l.remove("drc", "stakes", "gecamines-tfm", {
        expectedVersion: 1,
        actor: "ana",
        recordedAt: T2,
        note: "entered by mistake",
      });
      expect(t).toMatchObject({ version: 2, deleted: true, note: "entered by mistake" });
      expect(await l.get("drc", "stakes", "gecamines-tfm")).toBeUndefined();
      expect((await l.snapshot("drc", { asOf: "2025-06-30" })).stakes.map((s) => s.id)).toEqual([
        "cmoc-tfm",
      ]);
      expect(
        (await l.snapshot("drc", { asOf: "2025-06-30", knownAt: "2025-07-01" })).stakes,
      ).toHaveLength(2);
      expect((await l.history("drc", "gecamines-tfm")).map((v) => v.deleted)).toEqual([
        false,
        true,
      ]);
    });

    it("refuses a recorded time earlier than the record's current version", async () => {
      const l = await create();
      await l.load("drc", smallDataset(), { actor: "ana", recordedAt: T2 });
      const e = await rejection(
        l.put("drc", "production", withTonnes(smallDataset(), 1, ["src-press-2025"]), {
          expectedVersion: 1,
          actor: "ana",
          recordedAt: T1,
        }),
      );
      expect(e.message).toBe(
        `Recorded time ${T1} is before version 1 of production tfm-cobalt-2024 (${T2}): the ledger only moves forward`,
      );
    });

    it("keeps several datasets apart", async () => {
      const l = await create();
      await l.load("drc", smallDataset(), { actor: "ana", recordedAt: T1 });
      await l.load("drc-what-if", smallDataset(), { actor: "ben", recordedAt: T1 });
      await l.put("drc-what-if", "production", withTonnes(smallDataset(), 5, ["src-press-2025"]), {
        expectedVersion: 1,
        actor: "ben",
        recordedAt: T2,
      });
      expect((await l.datasetAt("drc")).production[0]?.tonnes).toBe(100_000);
      expect((await l.datasetAt("drc-what-if")).production[0]?.tonnes).toBe(5);
      expect((await l.datasets()).map((d) => [d.id, d.createdBy])).toEqual([
        ["drc", "ana"],
        ["drc-what-if", "ben"],
      ]);
      expect(await l.isEmpty("other")).toBe(true);
      expect((await l.datasetAt("other")).entities).toEqual([]);
    });

    it("uses the store's clock when no recorded time is given", async () => {
      const l = await create({ clock: () => new Date(T1) });
      const r = await l.load("drc", smallDataset(), { actor: "ana" });
      expect(r.recordedAt).toBe(T1);
      expect((await l.history("drc", "tfm"))[0]?.recordedAt).toBe(T1);
    });

    it("loads and folds 25,000 records in order", async () => {
      const l = await create();
      const ds = largeDataset(5_000);
      const progress: number[] = [];
      const r = await l.load("big", ds, {
        actor: "ana",
        recordedAt: T1,
        onProgress: (done) => progress.push(done),
      });
      expect(r.writtenTotal).toBe(1 + 5_000 * 5 - 1);
      expect(progress.at(-1)).toBe(r.writtenTotal);
      expect(await l.datasetAt("big")).toEqual(parsedDataset(ds));
    });
  });
}
