import { describe, expect, it } from "vitest";
import type { AssetId, RecordId, SourceId } from "../../model/ids.js";
import { worldFrom } from "../../model/world.js";
import { testDataset } from "./_test-world.js";
import { type AssetOutput, figuresOf, productionForPeriod } from "./production-for-period.js";

const ds = testDataset({
  assets: [
    ["a", "CD", ["copper"]],
    ["b", "CD", ["copper"]],
    ["c", "CD", ["copper"]],
  ],
  production: [
    ["c", "copper", "2025-Q1", 10],
    ["c", "copper", "2025-Q2", 20],
    ["c", "copper", "2025-Q3", 30],
    ["c", "copper", "2025-Q4", 40],
  ],
});
const prov = { sources: ["test-source" as SourceId], asOf: "2025" };
const joint = (id: string, tonnes: number, basis: "actual" | "estimate" | "guidance") => ({
  id: id as RecordId,
  split: [
    { asset: "a" as AssetId, weight: 3 },
    { asset: "b" as AssetId, weight: 1 },
  ],
  splitBasis: "test weights",
  commodity: "copper" as const,
  period: "2025" as never,
  tonnes,
  basis,
  ...prov,
});
ds.production.push(joint("j-est", 800, "estimate"), joint("j-guid", 600, "guidance"));

describe("productionForPeriod()", () => {
  const r = productionForPeriod(worldFrom(ds, "2025-12-31"), "copper", "2025");
  it("shares a joint figure by its weights and lets an estimate beat guidance for the same assets", () => {
    const a = r.outputs.filter((o) => o.asset === "a");
    expect(a).toHaveLength(1);
    expect(a[0]?.tonnes).toBe(600);
    expect(a[0]?.basis).toBe("estimate");
    expect(r.outputs.find((o) => o.asset === "b")?.tonnes).toBe(200);
  });
  it("sums four quarters when there is no annual figure", () => {
    const c = r.outputs.find((o) => o.asset === "c");
    expect(c?.tonnes).toBe(100);
    expect(c?.periods).toEqual(["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]);
  });
  it("uses no capacity figure and lists assets without a figure", () => {
    const r2 = productionForPeriod(worldFrom(ds, "2025-12-31"), "copper", "2024");
    expect(r2.outputs).toEqual([]);
    expect(r2.missing.map((m) => m.asset).sort()).toEqual(["a", "b", "c"]);
  });
});

describe("productionForPeriod() asked again of one world", () => {
  it("answers each question once and tells questions apart by commodity, period and bases", () => {
    const w = worldFrom(ds, "2025-12-31");
    const first = productionForPeriod(w, "copper", "2025");
    expect(productionForPeriod(w, "copper", "2025")).toBe(first);
    expect(
      productionForPeriod(w, "copper", "2025", { bases: ["guidance", "estimate", "actual"] }),
    ).toBe(first);
    const guidance = productionForPeriod(w, "copper", "2025", { bases: ["guidance"] });
    expect(guidance).not.toBe(first);
    expect(guidance).toEqual(
      productionForPeriod(worldFrom(ds, "2025-12-31"), "copper", "2025", { bases: ["guidance"] }),
    );
    expect(guidance.outputs.map((o) => o.basis)).not.toContain("estimate");
    expect(productionForPeriod(w, "copper", "2025-Q1").outputs).toEqual([
      expect.objectContaining({ asset: "c", tonnes: 10 }),
    ]);
    expect(productionForPeriod(w, "cobalt", "2025").outputs).toEqual([]);
  });
});

describe("figuresOf()", () => {
  it("figuresOf() gives the figures each output was made of, in the order of its records", () => {
    const w = worldFrom(ds, "2025-12-31");
    const r = productionForPeriod(w, "copper", "2025");
    for (const o of r.outputs) {
      const figs = figuresOf(o);
      expect(figs.map((p) => p.id)).toEqual(o.records);
      for (const p of figs) expect(w.production).toContain(p);
    }
    expect(figuresOf(r.outputs.find((o) => o.asset === "a") as never).map((p) => p.id)).toEqual([
      "j-est",
    ]);
    expect(figuresOf({ ...(r.outputs[0] as AssetOutput) })).toEqual([]);
  });
});
