import { describe, expect, it } from "vitest";
import { supplyRiskFrom } from "./supply-risk.js";

describe("supplyRiskFrom()", () => {
  it("supplyRiskFrom() weighs squared shares by governance and trade factors", () => {
    const r = supplyRiskFrom({
      globalSupplyShares: new Map([
        ["CD", 0.8],
        ["ID", 0.2],
      ]),
      wgiScaled: new Map([
        ["CD", 8],
        ["ID", 5],
      ]),
      tradeFactors: new Map([["CD", 1.1]]),
      importReliance: 1,
      eolRir: 0.2,
      substitutionIndex: 0.5,
    });
    const h = 0.64 * 8 * 1.1 + 0.04 * 5;
    expect(r.hhiWgiGlobal).toBeCloseTo(h);
    expect(r.value).toBeCloseTo((h * 0.5 + h * 0.5) * 0.8 * 0.5);
    expect(r.notes).toEqual(["No sourcing shares given: global supply stands in for sourcing"]);
  });

  it("supplyRiskFrom() gives null and names every missing input", () => {
    const r = supplyRiskFrom({ globalSupplyShares: new Map([["CD", 1]]), wgiScaled: new Map() });
    expect(r.value).toBeNull();
    expect(r.missing).toEqual([
      "Import reliance (IR)",
      "End-of-life recycling input rate (EOL-RIR)",
      "Substitution index (SI_SR)",
      "WGI (scaled 0–10) for CD",
    ]);
  });
});
