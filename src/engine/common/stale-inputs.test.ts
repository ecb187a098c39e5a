import { describe, expect, it } from "vitest";
import type { RecordId } from "../../model/ids.js";
import { worldFrom } from "../../model/world.js";
import { controlReportFor } from "../ownership/control-report.js";
import { explanationFor } from "../ownership/explain.js";
import { testDataset } from "./_test-world.js";
import { STALE_STAKE_YEARS, staleInputsFor } from "./stale-inputs.js";

/** Two mines: m1 under holdco (stake s1) under parent (s0); m2 owned by other (s2). */
function dataset(stakeDates: [string, string, string]) {
  const ds = testDataset({
    entities: [
      ["parent", "company", "CN"],
      ["holdco", "company", "CN"],
      ["other", "company", "US"],
    ],
    assets: [
      ["m1", "CD"],
      ["m2", "CD"],
    ],
    stakes: [
      ["parent", "holdco", 1],
      ["holdco", "m1", 0.8],
      ["other", "m2", 0.6],
    ],
    production: [
      ["m1", "cobalt", "2024", 1000],
      ["m2", "cobalt", "2024", 300],
      ["m2", "cobalt", "2025", 400],
    ],
  });
  for (const [i, d] of stakeDates.entries()) (ds.stakes[i] as { asOf: string }).asOf = d;
  return ds;
}

describe("stale inputs", () => {
  it("lists a stake statement older than three years with the tonnes below it, and not a newer one", () => {
    const world = worldFrom(dataset(["2021-06-30", "2024", "2020"]), "2025-12-31");
    const stale = staleInputsFor(world, {
      assets: [
        { id: "m1" as never, tonnes: 1000, records: [], periods: ["2025"] },
        { id: "m2" as never, tonnes: 400, records: [], periods: ["2025"] },
      ],
      shareOfTonnes: 2000,
      forYear: 2025,
    });
    expect(stale.map((s) => s.record)).toEqual(["s0", "s2"]);
    const [s0, s2] = stale;
    expect(s0).toMatchObject({ kind: "stake", date: "2021-06-30", assets: ["m1"], tonnes: 1000 });
    expect(s0?.share).toBeCloseTo(0.5);
    expect(s0?.ageYears).toBeCloseTo(4.5, 1);
    expect(s0?.what).toContain("PARENT's 100% stake in HOLDCO");
    // A year-only statement counts from the year's last day: 2020-12-31 to 2025-12-31.
    expect(s2?.ageYears).toBe(5);
    expect(s2?.assets).toEqual(["m2"]);
  });

  it("does not list a stake dated exactly at the limit, nor one above no counted asset", () => {
    const limit = `${2025 - STALE_STAKE_YEARS}-12-31`;
    const world = worldFrom(dataset([limit, "2010", "2010"]), "2025-12-31");
    const stale = staleInputsFor(world, {
      assets: [{ id: "m2" as never, tonnes: 400, records: [], periods: ["2025"] }],
      shareOfTonnes: 400,
      forYear: 2025,
    });
    // s1 (2010) is above m1, which is not counted; s0 is at the limit.
    expect(stale.map((s) => s.record)).toEqual(["s2"]);
  });

  it("the control report lists production read for a later year than its own, with its age", () => {
    const world = worldFrom(dataset(["2025", "2025", "2025"]), "2026-06-30");
    const r = controlReportFor(world, { commodity: "cobalt", basis: "recorded" });
    // No 2026 figure: the report reads 2025 (m2 only), a year old.
    expect(r.period).toBe("2025");
    expect(r.staleInputs).toHaveLength(1);
    expect(r.staleInputs[0]).toMatchObject({
      record: "p2",
      kind: "production",
      date: "2025",
      usedFor: "2026",
      ageYears: 1,
      assets: ["m2"],
      tonnes: 400,
      share: 1,
    });
  });

  it("a period asked for is not stale for being before the as-of date", () => {
    const world = worldFrom(dataset(["2025", "2025", "2025"]), "2026-06-30");
    const r = controlReportFor(world, { commodity: "cobalt", period: "2024", basis: "recorded" });
    expect(r.staleInputs).toEqual([]);
  });

  it("an earlier year read in place of the one asked for is stale against the one asked for", () => {
    const world = worldFrom(dataset(["2025", "2025", "2025"]), "2026-06-30");
    const r = controlReportFor(world, {
      commodity: "cobalt",
      period: "2026",
      fallBack: true,
      basis: "recorded",
    });
    expect(r.period).toBe("2025");
    expect(r.staleInputs.map((s) => [s.record, s.usedFor, s.ageYears])).toEqual([
      ["p2", "2026", 1],
    ]);
  });

  it("an explanation carries only the stale inputs that bear on the assets it explains", () => {
    const world = worldFrom(dataset(["2019", "2019", "2019"]), "2025-12-31");
    const us = explanationFor(world, { commodity: "cobalt", country: "US", period: "2024" });
    expect(us.staleInputs.map((s) => s.record)).toEqual(["s2"]);
    const cn = explanationFor(world, { commodity: "cobalt", country: "CN", period: "2024" });
    expect(cn.staleInputs.map((s) => s.record).sort()).toEqual(["s0", "s1"]);
  });

  it("trade statistics and a reliance figure of an earlier year are listed with their age", () => {
    const ds = dataset(["2025", "2025", "2025"]);
    ds.tradeFlows.push({
      id: "tf1" as RecordId,
      reporter: "CN" as never,
      partner: "CD" as never,
      direction: "import",
      commodity: "cobalt",
      year: 2023,
      tonnes: 100,
      sources: ["test-source" as never],
      asOf: "2023",
    } as never);
    ds.demand.push({
      id: "d1" as RecordId,
      country: "US" as never,
      commodity: "cobalt",
      year: 2024,
      netImportReliance: 0.7,
      sources: ["test-source" as never],
      asOf: "2024",
    } as never);
    const world = worldFrom(ds, "2025-12-31");
    const stale = staleInputsFor(world, {
      assets: [{ id: "m2" as never, tonnes: 400, records: [], periods: ["2025"] }],
      shareOfTonnes: 800,
      forYear: 2025,
      tradeStatistics: { records: ["tf1" as RecordId], year: 2023, forYear: 2025 },
      demand: { record: "d1" as RecordId, year: 2024, forYear: 2025, affects: "US reliance" },
    });
    expect(stale.map((s) => [s.record, s.kind, s.ageYears, s.tonnes])).toEqual([
      ["tf1", "trade-statistics", 2, 400],
      ["d1", "demand", 1, 0],
    ]);
    expect(stale[0]?.what).toContain("China's imports of cobalt from DR Congo in 2023");
    expect(stale[1]?.affects).toBe("US reliance");
    // The same year is not stale.
    expect(
      staleInputsFor(world, {
        assets: [],
        shareOfTonnes: 0,
        forYear: 2024,
        demand: { record: "d1" as RecordId, year: 2024, forYear: 2024, affects: "x" },
      }),
    ).toEqual([]);
  });
});
