import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { entityColumnsOf } from "../engine/common/node-columns.js";
import { productionColumnsOf } from "../engine/common/production-columns.js";
import {
  figureSourcesOf,
  figuresOf,
  productionForPeriod,
} from "../engine/common/production-for-period.js";
import { reportPeriodFor } from "../engine/common/report-period.js";
import { stakesDated, stakesInto } from "../engine/common/world-stakes.js";
import { controlReportFor } from "../engine/ownership/control-report.js";
import { lookThroughReportFor } from "../engine/ownership/entity-look-through.js";
import { ownershipGraphOf } from "../engine/ownership/world-graph.js";
import { loadDatasetDir, REFERENCE_DATA_DIR } from "../io/load-dataset.js";
import { openLedger } from "../ledger/open-ledger.js";
import type { RegisterColumns } from "../ledger/register-columns.js";
import type { World } from "../model/world.js";
import { importCsv } from "./import-csv.js";
import { nodeIndexOf, registerWorldAt } from "./register-world.js";

const dir = mkdtempSync(join(tmpdir(), "orebook-register-world-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A world as plain data, its maps as entry lists. */
function plain(w: World): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(w)) out[k] = v instanceof Map ? [...v.entries()] : v;
  out.stakes = w.stakes;
  out.production = w.production;
  return out;
}

describe("registerWorldAt()", () => {
  it("reads the world the snapshot reads, with the graph built from the columns, at several dates and knownAts", async () => {
    const ledger = await openLedger({ db: join(dir, "ref.db"), env: {} });
    const { dataset } = loadDatasetDir(REFERENCE_DATA_DIR);
    await ledger.load("drc", dataset, { actor: "test", recordedAt: "2025-03-01T00:00:00Z" });
    const some = dataset.stakes.find((s) => s.validFrom === undefined);
    if (!some) throw new Error("the reference data has no undated stake");
    await ledger.put(
      "drc",
      "stakes",
      { ...some, share: some.share / 2 },
      { expectedVersion: 1, actor: "test", recordedAt: "2025-09-01T00:00:00Z" },
    );
    for (const [asOf, knownAt] of [
      ["2025-12-31", undefined],
      ["2024-06-30", undefined],
      ["2025-12-31", "2025-06-30"],
    ] as const) {
      const opts = knownAt === undefined ? { asOf } : { asOf, knownAt };
      const { world, graph } = await registerWorldAt(ledger, "drc", opts);
      const snapshot = await ledger.snapshot("drc", opts);
      // Its stakes found through the columns, before anything reads the list, as in the list.
      const nodes = [...snapshot.entities.keys(), ...snapshot.assets.keys(), "no-such-node"];
      for (const id of nodes) expect(stakesInto(world, id)).toEqual(stakesInto(snapshot, id));
      const old = (d: string) => d < "2023-01-01";
      expect(stakesDated(world, old).length).toBeGreaterThan(0);
      expect(stakesDated(world, old)).toEqual(snapshot.stakes.filter((s) => old(s.asOf)));
      expect(stakesDated(world, () => true)).toEqual(snapshot.stakes);
      expect(plain(world)).toEqual(plain(snapshot));
      expect(ownershipGraphOf(world)).toBe(graph);
      const g = ownershipGraphOf(snapshot);
      expect([...graph.ids]).toEqual([...g.ids]);
      expect([...graph.share]).toEqual([...g.share]);
      expect(lookThroughReportFor(world, some.owned)).toEqual(
        lookThroughReportFor(snapshot, some.owned),
      );
      for (const commodity of ["cobalt", "copper"] as const) {
        expect(controlReportFor(world, { commodity })).toEqual(
          controlReportFor(snapshot, { commodity }),
        );
        // Its largest rows only, read from the columns by node.
        expect(controlReportFor(world, { commodity, listed: 2 })).toEqual(
          controlReportFor(snapshot, { commodity, listed: 2 }),
        );
      }
    }
    await ledger.close();
  });

  it("reads an imported register from its cache as from its rows: ids made from owners and assets, a corrected stake, a split figure", async () => {
    const d = join(dir, "register");
    mkdirSync(d);
    writeFileSync(
      join(d, "entities.csv"),
      "id,name,kind,country\nE1,Alpha Mine,asset,CD\nE2,Beta Holdings,company,NA\nE3,Gamma Fund,fund,US\nE4,Delta Mine,asset,ZM\n",
    );
    writeFileSync(
      join(d, "stakes.csv"),
      "owner_id,owned_id,share\nE2,E1,0.6\nE3,E2,1\nE3,E4,0.25\n",
    );
    writeFileSync(
      join(d, "production.csv"),
      "asset_id,commodity,tonnes\nE1,cobalt,100.5\nE1,copper,2000\nE4,copper,300\n",
    );
    const ledger = await openLedger({ db: join(dir, "register.db"), env: {} });
    await importCsv(ledger, "w", [d], { actor: "test", today: "2026-06-30" });
    const split = {
      id: "e1-e4-zinc",
      split: [
        { asset: "E1", weight: 1 },
        { asset: "E4", weight: 3 },
      ],
      splitBasis: "ore milled",
      commodity: "zinc",
      period: "2025",
      tonnes: 40,
      basis: "estimate",
      sources: ["csv-import"],
      asOf: "2026",
    };
    await ledger.put("w", "production", split, { expectedVersion: 0, actor: "test" });
    const stake = (await ledger.get("w", "stakes", "E3:E4"))?.record;
    await ledger.put(
      "w",
      "stakes",
      { ...stake, share: 0.3, shareMin: 0.2, validFrom: "2026-01-01" },
      { expectedVersion: 1, actor: "test" },
    );
    for (const asOf of ["2026-06-30", "2025-06-30"])
      for (let round = 0; round < 2; round++) {
        const { world, register } = await registerWorldAt(ledger, "w", { asOf });
        // Each id asked alone (before any list is made) is the list's.
        for (const kind of ["entities", "assets", "stakes", "production"] as const) {
          const c = register[kind];
          const one = Array.from({ length: c.count }, (_, i) => c.idAt(i));
          expect(one).toEqual(c.ids);
        }
        expect(register.stakes.ids).toContain("E2:E1");
        expect(plain(world)).toEqual(plain(await ledger.snapshot("w", { asOf })));
      }
    await ledger.close();
  });

  it("counts a commodity's production from the columns as from the records: several figures of an asset, sub-periods, every basis, null tonnes, with and without split figures", async () => {
    const ledger = await openLedger({ db: join(dir, "production.db"), env: {} });
    const { dataset } = loadDatasetDir(REFERENCE_DATA_DIR);
    const at = { actor: "test", recordedAt: "2025-03-01T00:00:00Z" };
    await ledger.load("drc", dataset, at);
    // Without split figures every commodity is counted from the columns.
    await ledger.load(
      "single",
      { ...dataset, production: dataset.production.filter((p) => !p.split) },
      at,
    );
    const bases = ["actual", "estimate", "guidance", "capacity"] as const;
    for (const id of ["drc", "single"]) {
      const asOf = "2025-12-31";
      const { world } = await registerWorldAt(ledger, id, { asOf });
      const snapshot = await ledger.snapshot(id, { asOf });
      expect(productionColumnsOf(world)?.count).toBe(snapshot.production.length);
      expect(entityColumnsOf(world)).toBeDefined();
      const commodities = [...new Set(snapshot.production.map((p) => p.commodity))];
      for (const commodity of commodities) {
        for (const period of [undefined, "2019", "2023", "2024", "2024-Q3", "2025", "2026"]) {
          const opts = period === undefined ? {} : { period };
          expect(reportPeriodFor(world, commodity, opts)).toEqual(
            reportPeriodFor(snapshot, commodity, opts),
          );
          if (period === undefined) continue;
          for (const b of [bases.slice(0, 3), bases, ["estimate" as const]]) {
            const a = productionForPeriod(world, commodity, period, { bases: b });
            const e = productionForPeriod(snapshot, commodity, period, { bases: b });
            expect(a).toEqual(e);
            expect(a.outputs.map(figureSourcesOf)).toEqual(e.outputs.map(figureSourcesOf));
            expect(a.outputs.map(figuresOf)).toEqual(e.outputs.map(figuresOf));
          }
          expect(controlReportFor(world, { commodity, period, carryForward: true })).toEqual(
            controlReportFor(snapshot, { commodity, period, carryForward: true }),
          );
          if (period !== "2024") continue;
          // Entities' fields from the columns, or from their records by headquarters.
          for (const view of [
            { countryBasis: "headquarters" as const },
            { group: "greater-china" as const },
          ])
            expect(controlReportFor(world, { commodity, period, ...view })).toEqual(
              controlReportFor(snapshot, { commodity, period, ...view }),
            );
        }
      }
    }
    await ledger.close();
  });
});

describe("nodeIndexOf()", () => {
  it("nodeIndexOf() maps every entity and then every asset id to its node, and nothing else", () => {
    const entities = Array.from({ length: 3000 }, (_, i) => `e-${i}`);
    // Ids that share a hash slot's neighbourhood and differ only at the end or in case.
    const assets = [
      "a",
      "A",
      "a ",
      "é",
      "e-2999x",
      ...Array.from({ length: 995 }, (_, i) => `m${i}`),
    ];
    const reg = {
      entities: { count: entities.length, ids: entities },
      assets: { count: assets.length, ids: assets },
    } as unknown as RegisterColumns;
    const index = nodeIndexOf(reg);
    const all = [...entities, ...assets];
    expect(index.size).toBe(all.length);
    all.forEach((id, i) => {
      expect(index.get(id)).toBe(i);
      expect(index.has(id)).toBe(true);
    });
    for (const id of ["e-3000", "m995", "", "b", "E-1", "a  "]) {
      expect(index.get(id)).toBeUndefined();
      expect(index.has(id)).toBe(false);
    }
    expect([...index.keys()]).toEqual(all);
    expect([...index.values()]).toEqual(all.map((_, i) => i));
    expect([...index]).toEqual(all.map((id, i) => [id, i]));
    expect(() => (index as Map<string, number>).set("x", 1)).toThrow(TypeError);
  });

  it("nodeIndexOf() answers the first lookups (scanned along the ids) as the later ones (from its table): a repeated id is its last node", () => {
    const reg = {
      entities: { count: 3, ids: ["x", "y", "x"] },
      assets: { count: 2, ids: ["y", "z"] },
    } as unknown as RegisterColumns;
    const index = nodeIndexOf(reg);
    const asked = ["x", "y", "z", "w"];
    const first = Array.from({ length: 20 }, (_, k) => index.get(asked[k % 4] as string));
    expect(first).toEqual(Array.from({ length: 20 }, (_, k) => [2, 3, 4, undefined][k % 4]));
  });
});
