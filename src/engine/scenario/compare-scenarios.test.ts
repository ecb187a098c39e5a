import { describe, expect, test } from "vitest";
import { testDataset } from "../common/_test-world.js";
import { compareScenarios } from "./compare-scenarios.js";
import { evaluateScenario } from "./evaluate-scenario.js";
import { scenarioSchema } from "./scenario-schema.js";

const ds = testDataset({
  entities: [
    ["glencore", "company", "CH"],
    ["orion", "fund", "US"],
    ["cmoc", "company", "CN"],
  ],
  assets: [
    ["kcc", "CD"],
    ["tfm", "CD"],
  ],
  stakes: [
    ["glencore", "kcc", 0.75],
    ["cmoc", "tfm", 0.8],
  ],
  production: [
    ["kcc", "cobalt", "2025", 30_000],
    ["tfm", "cobalt", "2025", 60_000],
  ],
});
const s = (changes: unknown[], name = "S") =>
  scenarioSchema.parse({ name, baseDate: "2026-03-01", changes });
const opts = { commodities: ["cobalt" as const] };

describe("compareScenarios()", () => {
  test("an empty scenario compared with the base changes no metric", () => {
    const c = compareScenarios([
      evaluateScenario(ds, s([], "Base"), opts),
      evaluateScenario(ds, s([], "Empty"), opts),
    ]);
    expect(c.rows).toEqual([]);
    expect(c.parts[0]?.parts.map((p) => [p.part, p.computed])).toEqual([
      ["control", true],
      ["allocation", true],
      ["routes", false],
      ["stockpile", false],
    ]);
  });

  test("lists the largest change first and explains it by the assets that moved", () => {
    const c = compareScenarios([
      evaluateScenario(ds, s([], "Base"), opts),
      evaluateScenario(
        ds,
        s(
          [{ kind: "stake-transfer", from: "cmoc", to: "orion", owned: "tfm", share: 0.8 }],
          "Sale",
        ),
        opts,
      ),
    ]);
    const first = c.rows[0];
    expect(first?.id).toMatch(/^cobalt\.(cn|us)\.(consolidated|deFacto)$/);
    expect(first?.cells[0]?.change).toBeCloseTo(first?.id.includes(".cn.") ? -2 / 3 : 2 / 3, 12);
    const cn = c.rows.find((r) => r.id === "cobalt.cn.consolidated");
    expect(cn?.cells[0]?.explanation).toBe(
      "TFM −60,000 t (controlled by CMOC (CN, majority) → controlled by ORION (US, majority))",
    );
    const us = c.rows.find((r) => r.id === "cobalt.us.consolidated");
    expect(us?.cells[0]?.explanation).toBe(
      "TFM +60,000 t (controlled by CMOC (CN, majority) → controlled by ORION (US, majority))",
    );
    expect(c.changes[1]?.applied).toEqual(["80% of tfm moves from cmoc to orion on 2026-03-01"]);
  });
});
