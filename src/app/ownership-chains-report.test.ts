import { beforeAll, describe, expect, it } from "vitest";
import { lookThroughReportFor } from "../engine/ownership/entity-look-through.js";
import { loadDatasetDir, REFERENCE_DATA_DIR } from "../io/load-dataset.js";
import type { Dataset } from "../model/dataset.js";
import { worldFrom } from "../model/world.js";
import { ownershipChainsReport } from "./ownership-chains-report.js";

let ds: Dataset;
beforeAll(() => {
  ds = loadDatasetDir(REFERENCE_DATA_DIR).dataset;
});

describe("the chains report", () => {
  it("gives CMOC's chains to Tenke Fungurume beside the solver's look-through share, which they add up to", () => {
    const world = worldFrom(ds, "2025-12-31");
    const r = ownershipChainsReport(world, { from: "cmoc", to: "tenke-fungurume" });
    const row = lookThroughReportFor(world, "cmoc").holdings.find(
      (h) => h.id === "tenke-fungurume",
    );
    expect(r.chains.length).toBeGreaterThan(0);
    expect(r.lookThrough?.share).toBe(row?.share);
    // No cross-holding between them: the chains add up to the look-through share.
    expect(r.chainsShare).toBeCloseTo(row?.share ?? Number.NaN, 9);
    for (const c of r.chains) {
      expect(c.ids[0]).toBe("cmoc");
      expect(c.ids.at(-1)).toBe("tenke-fungurume");
      expect(c.names).toHaveLength(c.ids.length);
    }
  });

  it("refuses the same node twice and hops out of range, saying why", () => {
    const world = worldFrom(ds, "2025-12-31");
    expect(() => ownershipChainsReport(world, { from: "cmoc", to: "cmoc" })).toThrow(
      "from and to name the same node (cmoc)",
    );
    expect(() =>
      ownershipChainsReport(world, { from: "cmoc", to: "tenke-fungurume", maxHops: 40 }),
    ).toThrow("maxHops: expected a whole number from 1 to 12, got 40");
  });
});
