import { beforeAll, describe, expect, it } from "vitest";
import { type LpSolver, loadLpSolver } from "../engine/lp-solver.js";
import { routesReportFor } from "../engine/routes-report.js";
import { loadDatasetDir, REFERENCE_DATA_DIR } from "../io/load-dataset.js";
import type { Dataset } from "../model/dataset.js";
import { worldFrom } from "../model/world.js";

let solver: LpSolver;
let ds: Dataset;
beforeAll(async () => {
  solver = await loadLpSolver();
  ds = loadDatasetDir(REFERENCE_DATA_DIR).dataset;
});

describe("the reference dataset's base case", () => {
  for (const commodity of ["cobalt", "copper", "zinc"] as const)
    for (const year of ["2024", "2025"])
      it(`routes every ${commodity} tonne of ${year} to a destination: nothing unshipped unless a capacity binds`, () => {
        const r = routesReportFor(worldFrom(ds, `${year}-12-31`), solver, {
          commodity,
          period: year,
          shipmentsFrom: "allocation",
          open: [],
          close: [],
        });
        expect(r.totals.tonnes).toBeGreaterThan(0);
        expect(r.unshippedTonnes).toBe(0);
        expect(r.unshipped.filter((u) => u.binding?.kind !== "capacity")).toEqual([]);
        expect(r.objective).toBe("generalised");
      });
});

describe("the reference dataset's corridor calibration", () => {
  it("puts the copper base case within every country-level corridor target, with the fitted capacities labelled", () => {
    const r = routesReportFor(
      worldFrom(ds, "2025-12-31"),
      solver,
      { commodity: "copper", period: "2025", shipmentsFrom: "allocation", open: [], close: [] },
      { worldAt: (asOf) => worldFrom(ds, asOf) },
    );
    const country = r.calibration.rows.filter((c) => !c.scope.includes("kamoa"));
    expect(country.map((c) => c.target).sort()).toEqual([
      "ct-copper-dar-2022",
      "ct-copper-durban-2022",
      "ct-copper-lobito-2025",
      "ct-copper-south-2022",
    ]);
    for (const c of country) expect([c.target, c.within]).toEqual([c.target, true]);
    expect(r.calibration.fitted.map((f) => f.port).sort()).toEqual([
      "beira",
      "durban",
      "walvis-bay",
    ]);
    expect(r.unshippedTonnes).toBe(0);
  });
});
