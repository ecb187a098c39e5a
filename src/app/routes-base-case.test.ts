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
