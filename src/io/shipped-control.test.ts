/**
 * Consolidated control on the reference dataset: the seed cases of the control records
 * (data/drc/control.yaml). The figures come from the data; the tests check who controls what and
 * on what basis, and that the tonnes add up, not a number typed in.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { controlReportFor } from "../engine/control-report.js";
import { explanationFor } from "../engine/explain.js";
import { worldFrom } from "../model/world.js";
import { loadDatasetDir } from "./load-dataset.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const { dataset } = loadDatasetDir(`${ROOT}data/drc`);

describe("control on the reference data", () => {
  for (const year of ["2024", "2025"]) {
    it(`gives Kamoa-Kakula's ${year} copper to Canada and China jointly, none to unknown`, () => {
      const world = worldFrom(dataset, `${year}-12-31`);
      const r = controlReportFor(world, { commodity: "copper", period: year });
      const kk = r.assets.find((a) => a.id === "kamoa-kakula");
      expect(kk?.tonnes).toBeGreaterThan(0);
      expect(kk?.controlBasis).toBe("joint");
      expect(kk?.controllers.map((c) => [c.id, c.country, c.share, c.joint])).toEqual([
        ["ivanhoe-mines", "CA", 0.5, true],
        ["zijin-mining", "CN", 0.5, true],
      ]);
      expect(kk?.controlSteps.find((s) => s.basis === "joint")?.record).toBe(
        "ctrl-kamoa-holding-joint",
      );
      const half = (kk?.tonnes ?? 0) / 2;
      const ca = r.byCountry.find((c) => c.country === "CA");
      const cn = r.byCountry.find((c) => c.country === "CN");
      expect(ca?.consolidatedJointTonnes).toBeCloseTo(half, 6);
      expect(cn?.consolidatedJointTonnes).toBeGreaterThanOrEqual(half - 1e-6);
      expect(r.byCountry.find((c) => c.country === "unknown")?.consolidatedTonnes ?? 0).toBe(0);
      const sum = r.byCountry.reduce((s, c) => s + c.consolidatedTonnes, 0);
      expect(sum).toBeCloseTo(r.totalTonnes, 3);
      // Every asset counted says how it is controlled.
      for (const a of r.assets)
        expect(a.controlBasis === null || a.controlSteps.length > 0).toBe(true);
    });
  }

  it("explains Canada's consolidated copper through the Kamoa Holding joint-control record", () => {
    const world = worldFrom(dataset, "2025-12-31");
    const x = explanationFor(world, { commodity: "copper", country: "CA", view: "consolidated" });
    const row = x.rows.find((r) => r.asset === "kamoa-kakula");
    expect(row?.share).toBe(0.5);
    expect(row?.reason).toMatch(/^joint control: .*ctrl-kamoa-holding-joint/);
    expect(row?.sources).toContain("marketscreener-ivanhoe-q3-2023-fs");
  });

  it("gives KCC and Mutanda to Glencore as operator, not to the majority chain alone", () => {
    const world = worldFrom(dataset, "2025-12-31");
    const r = controlReportFor(world, { commodity: "copper", period: "2025" });
    for (const id of ["kamoto-copper-company", "mutanda"]) {
      const a = r.assets.find((x) => x.id === id);
      expect(a?.controller).toBe("glencore");
      expect(a?.controlBasis).toBe("operator");
    }
  });
});
