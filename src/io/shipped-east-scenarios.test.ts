/**
 * The shipped scenarios about the east, on the reference dataset: returning Rubaya changes the
 * de facto tantalum share, and the rebellion taking Walikale moves Bisie's tin to AFC/M23. The
 * numbers come from the data; the test checks the direction and the explanation, not a figure
 * typed in.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compareScenarios } from "../engine/scenario/compare-scenarios.js";
import { evaluateApplied } from "../engine/scenario/evaluate-scenario.js";
import type { Commodity } from "../model/commodity.js";
import { periodBounds } from "../model/dates.js";
import { loadDatasetDir } from "./load-dataset.js";
import { applyScenarioFileTo, readScenarioFile } from "./scenario-file.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const { dataset } = loadDatasetDir(`${ROOT}data/drc`);

function compare(file: string, commodity: Commodity) {
  const files = ["scenarios/base.yaml", file].map((f) => readScenarioFile(`${ROOT}${f}`));
  const period = files[0]?.scenario.period;
  const evaluations = files.map((sf) =>
    evaluateApplied(applyScenarioFileTo(dataset, sf), sf.scenario, {
      commodities: [commodity],
      parts: ["control"],
      ...(period ? { period } : {}),
    }),
  );
  return { evaluations, comparison: compareScenarios(evaluations) };
}

describe("shipped scenarios of the east", () => {
  it("rubaya-returned takes Rubaya's tantalum out of AFC/M23's de facto control, and says why", () => {
    const { evaluations, comparison } = compare("scenarios/rubaya-returned.yaml", "tantalum");
    const row = comparison.rows.find((r) => r.id === "tantalum.armedGroups.deFacto");
    const rubaya = evaluations[0]?.commodities[0]?.control?.assets.find((a) => a.id === "rubaya");
    expect(rubaya?.deFactoBy?.territory).toBe("afc-m23-masisi");
    expect(row?.base).toBeGreaterThan(0);
    expect(row?.cells[0]?.value).toBe(0);
    expect(row?.cells[0]?.explanation).toMatch(
      /^Rubaya \(Bibatama concession\) −\d[\d,]* t \(held by afc-m23 \(afc-m23-masisi, named\) → controlled by /,
    );
    // Both columns read the same period, and say when it is not the scenario's.
    const periods = evaluations.map((e) => e.commodities[0]?.period);
    expect(periods[0]).toBe(periods[1]);
    if (periods[0] !== "2026")
      expect(evaluations[1]?.commodities[0]?.notes[0]).toMatch(
        /^No tantalum production figure for 2026/,
      );
  });

  it("rebellion-advances places Bisie in Walikale, held whole, and moves its tin to AFC/M23", () => {
    const { evaluations, comparison } = compare("scenarios/rebellion-advances.yaml", "tin");
    const row = comparison.rows.find((r) => r.id === "tin.armedGroups.deFacto");
    expect(row?.base).toBe(0);
    expect(row?.cells[0]?.value).toBe(1);
    const bisie = evaluations[1]?.commodities[0]?.control?.assets.find((a) => a.id === "bisie");
    expect(bisie?.deFactoBy?.basis).toBe("admin-unit");
    expect(bisie?.deFactoBy?.unit).toEqual({
      name: "Walikale",
      level: "territoire",
      pcode: "CD6104",
    });
  });

  it("rebellion-advances takes Bisie's two idle quarters off its 2026 tin once each, from the dated intervals", () => {
    const sf = readScenarioFile(`${ROOT}scenarios/rebellion-advances.yaml`);
    const year = sf.scenario.period ?? "";
    const outages = sf.scenario.changes.filter(
      (c) => c.kind === "production-outage" && c.asset === "bisie",
    );
    expect(outages.length).toBeGreaterThanOrEqual(2);
    // The year's figure before the outages (carried forward) and after them.
    const before = applyScenarioFileTo(dataset, {
      ...sf,
      scenario: { ...sf.scenario, changes: [] },
    }).dataset.production.find(
      (p) => p.asset === "bisie" && p.commodity === "tin" && p.period === year,
    );
    const after = applyScenarioFileTo(dataset, sf).dataset.production.find(
      (p) => p.asset === "bisie" && p.commodity === "tin" && p.period === year,
    );
    // Idle days: the union of the outages' periods (factor 0), counted once.
    const idle = new Set<number>();
    for (const c of outages) {
      if (c.kind !== "production-outage" || c.period === undefined) continue;
      const { start, end } = periodBounds(c.period);
      for (let d = Date.parse(start); d <= Date.parse(end); d += 86_400_000) idle.add(d);
    }
    const { start, end } = periodBounds(year);
    const days = (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;
    expect(after?.tonnes).toBeCloseTo((before?.tonnes ?? 0) * (1 - idle.size / days), 6);
  });
});
