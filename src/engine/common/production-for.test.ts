import { describe, expect, it } from "vitest";
import { _testWorld } from "../allocation/_test-allocation-world.js";
import { productionFor } from "./production-for.js";

describe("productionFor()", () => {
  it("productionFor() prefers the figure for the period itself, actual before guidance", () => {
    const world = _testWorld({
      assets: [{ id: "a" }],
      production: [
        { asset: "a", period: "2025", tonnes: 10, basis: "guidance" },
        { asset: "a", period: "2025", tonnes: 12, basis: "actual" },
      ],
    });
    expect(productionFor(world, "a", "cobalt", "2025")).toMatchObject({
      tonnes: 12,
      derivation: "reported",
      records: ["p1"],
    });
  });

  it("productionFor() shares a jointly reported figure by its weights", () => {
    const world = _testWorld({
      assets: [{ id: "tfm" }, { id: "kfm" }],
      production: [
        {
          split: [
            { asset: "tfm", weight: 1 },
            { asset: "kfm", weight: 3 },
          ],
          splitBasis: "test",
          period: "2025",
          tonnes: 100,
        },
      ],
    });
    expect(productionFor(world, "kfm", "cobalt", "2025")).toMatchObject({
      tonnes: 75,
      derivation: "split",
    });
  });

  it("productionFor() prorates a year to a quarter by days", () => {
    const world = _testWorld({
      assets: [{ id: "a" }],
      production: [{ asset: "a", period: "2025", tonnes: 365 }],
    });
    const p = productionFor(world, "a", "cobalt", "2025-Q4");
    expect(p.tonnes).toBeCloseTo(92);
    expect(p.derivation).toBe("prorated");
  });

  it("productionFor() sums quarters that tile a year and never mixes them with months", () => {
    const world = _testWorld({
      assets: [{ id: "a" }],
      production: [
        ...["Q1", "Q2", "Q3", "Q4"].map((q) => ({ asset: "a", period: `2025-${q}`, tonnes: 10 })),
        { asset: "a", period: "2025-01", tonnes: 99 },
      ],
    });
    expect(productionFor(world, "a", "cobalt", "2025")).toMatchObject({
      tonnes: 40,
      derivation: "summed",
    });
  });

  it("productionFor() says unknown when nothing covers the period", () => {
    const world = _testWorld({
      assets: [{ id: "a" }],
      production: [{ asset: "a", period: "2025-Q1", tonnes: 10 }],
    });
    const p = productionFor(world, "a", "cobalt", "2025");
    expect(p.tonnes).toBeNull();
    expect(p.note).toBe("No cobalt production figure for a covers 2025");
  });
});

describe("productionFor() with an unknown actual", () => {
  it("uses the guidance for the same period when the actual is recorded as unknown, as the control report does", () => {
    const w = _testWorld({
      assets: [{ id: "m", commodities: ["copper"] }],
      production: [
        { asset: "m", commodity: "copper", period: "2025", tonnes: null, basis: "actual" },
        { asset: "m", commodity: "copper", period: "2025", tonnes: 66_000, basis: "guidance" },
      ],
    });
    const p = productionFor(w, "m", "copper", "2025");
    expect(p.tonnes).toBe(66_000);
    expect(p.basis).toBe("guidance");
  });

  it("productionFor() takes the newest of two guidance figures for a period, whatever their ids", () => {
    // Alphamin's 2025 tin guidance: cut to 17,500 t in April, raised to 18,250 t (midpoint) in
    // October. The ids sort the April one first; the control report counts October's.
    const world = _testWorld({
      assets: [{ id: "bisie", commodities: ["tin"] }],
      production: [
        {
          id: "bisie-guidance",
          asset: "bisie",
          commodity: "tin",
          period: "2025",
          tonnes: 17_500,
          basis: "guidance",
          asOf: "2025-04-17",
        },
        {
          id: "bisie-guidance-oct",
          asset: "bisie",
          commodity: "tin",
          period: "2025",
          tonnes: 18_250,
          basis: "guidance",
          asOf: "2025-10-08",
        },
      ],
    });
    expect(productionFor(world, "bisie", "tin", "2025")).toMatchObject({
      tonnes: 18_250,
      records: ["bisie-guidance-oct"],
    });
  });
});
