import { describe, expect, it } from "vitest";
import { _testWorld } from "./_test-allocation-world.js";
import { coProductRatioFor } from "./co-products.js";

describe("coProductRatioFor()", () => {
  it("coProductRatioFor() derives cobalt per tonne of copper from the same period", () => {
    const world = _testWorld({
      assets: [{ id: "kcc", commodities: ["copper", "cobalt"] }],
      production: [
        { asset: "kcc", commodity: "copper", period: "2025", tonnes: 188_700 },
        { asset: "kcc", commodity: "cobalt", period: "2025", tonnes: 22_900 },
      ],
    });
    const r = coProductRatioFor(world, "kcc", "cobalt", "2025");
    expect(r.ratio).toBeCloseTo(22_900 / 188_700);
    expect(r.basis).toBe("derived");
    expect(r.records).toEqual(["p0", "p1"]);
  });

  it("coProductRatioFor() gives no ratio for Kipushi germanium without a sourced tonnage", () => {
    const world = _testWorld({
      assets: [{ id: "kipushi", commodities: ["zinc", "germanium"] }],
      production: [{ asset: "kipushi", commodity: "zinc", period: "2025", tonnes: 203_168 }],
    });
    const r = coProductRatioFor(world, "kipushi", "germanium", "2025");
    expect(r.ratio).toBeNull();
    expect(r.note).toBe(
      "No germanium/zinc ratio for kipushi in 2025: germanium production unknown",
    );
  });
});
