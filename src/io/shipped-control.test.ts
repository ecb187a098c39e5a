/**
 * Consolidated control on the reference dataset: the seed cases of the control records
 * (data/drc/control.yaml). The figures come from the data; the tests check who controls what and
 * on what basis, and that the tonnes add up, not a number typed in.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { controlReportFor } from "../engine/ownership/control-report.js";
import { lookThroughReportFor } from "../engine/ownership/entity-look-through.js";
import { explanationFor } from "../engine/ownership/explain.js";
import { worldFrom } from "../model/world.js";
import { loadDatasetDir } from "./load-dataset.js";
import { applyScenarioFile } from "./scenario-file.js";

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
      // The view adds up to what the shares are of: the national total, with its residual row.
      const sum = r.byCountry.reduce((s, c) => s + c.consolidatedTonnes, 0);
      expect(sum).toBeCloseTo(r.shareOfTonnes, 3);
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

  it("gives Sicomines' 2025 copper to the Chinese group jointly, not to the no-majority bucket", () => {
    const world = worldFrom(dataset, "2025-12-31");
    const r = controlReportFor(world, { commodity: "copper", period: "2025" });
    const a = r.assets.find((x) => x.id === "sicomines");
    expect(a?.tonnes).toBeGreaterThan(0);
    expect(a?.controlBasis).toBe("joint");
    // Both joint controllers are central SOEs: followed up, their halves meet at the Chinese state.
    expect(a?.controllers.map((c) => [c.id, c.country, c.share, c.joint])).toEqual([
      ["china-state", "CN", 1, true],
    ]);
    const step = a?.controlSteps.find((s) => s.basis === "joint");
    expect(step?.by).toEqual(["china-railway-group", "powerchina"]);
    expect(step?.record).toBe("ctrl-sicomines-gec-joint");
    expect(step?.sources).toContain("deskeco-gec-avenant5-2024");
    expect(r.assets.filter((x) => x.controllerCountry === "no-majority")).toEqual([]);
    // Its tonnes are China's, held jointly: China's joint tonnes hold Sicomines' and Zijin's half of Kamoa-Kakula.
    const kk = r.assets.find((x) => x.id === "kamoa-kakula");
    const cn = r.byCountry.find((c) => c.country === "CN");
    expect(cn?.consolidatedJointTonnes).toBeCloseTo((a?.tonnes ?? 0) + (kk?.tonnes ?? 0) / 2, 3);
  });

  describe("with the Orion CMC scenario", () => {
    const applied = applyScenarioFile(dataset, `${ROOT}scenarios/orion-cmc-closes.yaml`);
    const world = worldFrom(applied.dataset, applied.asOf);

    it("keeps KCC and Mutanda under Glencore's control by the management term of the deal", () => {
      const r = controlReportFor(world, { commodity: "copper", period: "2025", fallBack: true });
      for (const id of ["kamoto-copper-company", "mutanda"]) {
        const a = r.assets.find((x) => x.id === id);
        expect(a?.controller).toBe("glencore");
        expect(a?.controlBasis).toBe("agreement");
        const step = a?.controlSteps[0];
        expect(step?.record).toMatch(/^ctrl-(kcc|mutanda)-glencore-management-orion$/);
        expect(step?.sources).toContain("winappnet-orion-glencore-mou");
      }
      // Neither falls into the no-majority bucket.
      const noMajority = r.assets
        .filter((a) => a.controllerCountry === "no-majority")
        .map((a) => a.id);
      expect(noMajority).not.toContain("kamoto-copper-company");
      expect(noMajority).not.toContain("mutanda");
    });

    it("gives Orion CMC's KCC interest the range of the two sources of Glencore's share", () => {
      const kcc = dataset.stakes.find((s) => s.id === "stake-kcc-katanga-mining");
      const lt = lookThroughReportFor(world, "orion-cmc");
      const row = lt.holdings.find((h) => h.id === "kamoto-copper-company");
      // 40% of Glencore's interest, whose sources give 75% (preferred) and 70%.
      expect(row?.share).toBeCloseTo(0.4 * (kcc?.share ?? 0), 12);
      expect(row?.min).toBeCloseTo(0.4 * (kcc?.shareMin ?? 0), 12);
      expect(row?.max).toBeCloseTo(0.4 * (kcc?.shareMax ?? 0), 12);
      expect(row?.max).toBeGreaterThan(row?.min ?? 1);
      const stake = applied.dataset.stakes.find(
        (s) => s.owner === "orion-cmc" && s.owned === "kamoto-copper-company",
      );
      expect(stake?.alternatives?.map((a) => a.share).sort()).toEqual(
        (kcc?.alternatives ?? []).map((a) => 0.4 * a.share).sort(),
      );
      expect(stake?.sources).toEqual(expect.arrayContaining(kcc?.sources ?? ["?"]));
    });
  });
});
