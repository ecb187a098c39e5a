import { describe, expect, it } from "vitest";
import { _testWorld } from "../allocation/_test-allocation-world.js";
import { CARRY_MAX_AGE_YEARS, carriedProduction } from "./production-carry-forward.js";
import { productionFor } from "./production-for.js";

describe("carriedProduction()", () => {
  it("copies the latest earlier year, actual before guidance, as a labelled estimate with its age", () => {
    const w = _testWorld({
      assets: [{ id: "a" }],
      production: [
        { id: "a-2025", asset: "a", period: "2025", tonnes: 200 },
        { id: "a-2026-g", asset: "a", period: "2026", tonnes: 260, basis: "guidance" },
        { id: "a-2026-e", asset: "a", period: "2026", tonnes: 250, basis: "estimate" },
        { id: "a-2026-q1", asset: "a", period: "2026-Q1", tonnes: 60 },
      ],
    });
    const { production, carried } = carriedProduction(w, ["2027"]);
    expect(carried).toEqual([
      expect.objectContaining({
        from: "a-2026-e",
        fromBasis: "estimate",
        year: "2027",
        tonnes: 250,
        ageYears: 1,
      }),
    ]);
    expect(production[0]).toMatchObject({ period: "2027", basis: "estimate", tonnes: 250 });
    expect(production[0]?.note).toContain("a-2026-e (2026, estimate; 1 year old)");
    const world = { ...w, production: [...w.production, ...production] };
    expect(productionFor(world, "a", "cobalt", "2027-03").tonnes).toBeCloseTo((250 * 31) / 365, 9);
  });

  it("leaves a year the sources cover, even as unknown, and never carries capacity", () => {
    const w = _testWorld({
      assets: [{ id: "a" }, { id: "b" }],
      production: [
        { asset: "a", period: "2026", tonnes: 100 },
        { asset: "a", period: "2027", tonnes: null, basis: "guidance" },
        { asset: "b", period: "2026", tonnes: 30, basis: "capacity" },
      ],
    });
    expect(carriedProduction(w, ["2027"]).carried).toEqual([]);
  });

  it("carries nothing older than the age limit or for a producer that is not operating", () => {
    const old = String(2027 - CARRY_MAX_AGE_YEARS - 1);
    const w = _testWorld({
      assets: [{ id: "a" }, { id: "b", status: "suspended" }, { id: "c" }],
      production: [
        { asset: "a", period: old, tonnes: 100 },
        { asset: "b", period: "2026", tonnes: 100 },
        { asset: "c", period: "2025", tonnes: 70 },
      ],
    });
    expect(carriedProduction(w, ["2027"]).carried.map((c) => [c.assets, c.ageYears])).toEqual([
      [["c"], 2],
    ]);
  });

  it("keeps a jointly reported figure joint and limits itself to the commodities asked", () => {
    const w = _testWorld({
      assets: [{ id: "a" }, { id: "b" }],
      production: [
        {
          asset: undefined,
          split: [
            { asset: "a", weight: 1 },
            { asset: "b", weight: 3 },
          ],
          splitBasis: "capacity",
          period: "2026",
          tonnes: 400,
        },
        { asset: "a", commodity: "copper", period: "2026", tonnes: 9 },
      ],
    });
    const { production, carried } = carriedProduction(w, ["2027"], new Set(["cobalt" as const]));
    expect(carried.map((c) => c.assets)).toEqual([["a", "b"]]);
    const world = { ...w, production: [...w.production, ...production] };
    expect(productionFor(world, "b", "cobalt", "2027").tonnes).toBe(300);
  });
});
